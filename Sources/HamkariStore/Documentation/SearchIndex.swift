import HamkariSecurity
import SQLKit

/// The keyed-token index, in each engine's own full-text machinery: a contentless FTS5 table on
/// SQLite, a `tsvector` with a GIN index on PostgreSQL. Only opaque tokens are stored, never words.
struct SearchIndex {
    let dialect: DatabaseDialect

    func replace(eventID: String, tokens: [String], in database: any SQLDatabase) async throws {
        try await remove(eventID: eventID, in: database)
        try await insertNew([(eventID, tokens)], in: database)
    }

    /// Indexes events that have no entry yet, a few statements per chunk of events.
    func insertNew(_ entries: [(eventID: String, tokens: [String])], in database: any SQLDatabase) async throws {
        for start in stride(from: 0, to: entries.count, by: 1000) {
            let chunk = entries[start..<min(start + 1000, entries.count)]
            switch dialect {
            case .sqlite:
                // Each event gets an integer key (FTS5 rows are keyed by integers); RETURNING names which.
                var keys = database.insert(into: "event_search_keys").columns("event_id")
                for entry in chunk { keys = keys.values(SQLBind(entry.eventID)) }
                var assigned: [String: Int64] = [:]
                for row in try await keys.returning("key", "event_id").all() {
                    assigned[try row.decode(column: "event_id", as: String.self)] = try row.decode(column: "key", as: Int64.self)
                }
                var rows = database.insert(into: "event_search").columns("rowid", "tokens")
                for entry in chunk {
                    guard let key = assigned[entry.eventID] else { throw StoreError.invalid(reason: "no search key was assigned") }
                    rows = rows.values(SQLBind(key), SQLBind(entry.tokens.joined(separator: " ")))
                }
                try await rows.run()
            case .postgres:
                var rows = database.insert(into: "event_search").columns("event_id", "tokens")
                for entry in chunk {
                    rows = rows.values(SQLBind(entry.eventID), SQLQueryString("array_to_tsvector(\(bind: entry.tokens)::text[])"))
                }
                try await rows.run()
            }
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
