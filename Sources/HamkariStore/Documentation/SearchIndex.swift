import HamkariSecurity
import SQLKit

/// The keyed-token index, in each engine's own full-text machinery: a contentless FTS5 table on
/// SQLite, a `tsvector` with a GIN index on PostgreSQL. Only opaque tokens are stored, never words.
struct SearchIndex {
    let dialect: DatabaseDialect

    func replace(eventID: String, tokens: [String], in database: any SQLDatabase) async throws {
        switch dialect {
        case .sqlite:
            try await remove(eventID: eventID, in: database)
            guard let key = try await database.raw("INSERT INTO event_search_keys (event_id) VALUES (\(bind: eventID)) RETURNING key")
                .first()?.decode(column: "key", as: Int64.self) else { throw StoreError.invalid(reason: "no search key was assigned") }
            try await database.raw("INSERT INTO event_search (rowid, tokens) VALUES (\(bind: key), \(bind: tokens.joined(separator: " ")))").run()
        case .postgres:
            try await database.raw("""
                INSERT INTO event_search (event_id, tokens) VALUES (\(bind: eventID), array_to_tsvector(\(bind: tokens)::text[]))
                ON CONFLICT (event_id) DO UPDATE SET tokens = excluded.tokens
                """).run()
        }
    }

    func remove(eventID: String, in database: any SQLDatabase) async throws {
        switch dialect {
        case .sqlite:
            if let key = try await database.raw("SELECT key FROM event_search_keys WHERE event_id = \(bind: eventID)")
                .first()?.decode(column: "key", as: Int64.self) {
                try await database.raw("DELETE FROM event_search WHERE rowid = \(bind: key)").run()
                try await database.raw("DELETE FROM event_search_keys WHERE key = \(bind: key)").run()
            }
        case .postgres:
            try await database.raw("DELETE FROM event_search WHERE event_id = \(bind: eventID)").run()
        }
    }

    /// A condition on `events.id`: the event holds every one of `tokens` (whole words only).
    func matching(_ tokens: [String]) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            let query = tokens.map { "\"\($0)\"" }.joined(separator: " ")
            return """
                events.id IN (SELECT k.event_id FROM event_search_keys k WHERE k.key IN \
                (SELECT rowid FROM event_search WHERE event_search MATCH \(bind: query)))
                """
        case .postgres:
            let query = tokens.map { "'\($0)'" }.joined(separator: " & ")
            return "events.id IN (SELECT event_id FROM event_search WHERE tokens @@ CAST(\(bind: query) AS tsquery))"
        }
    }
}
