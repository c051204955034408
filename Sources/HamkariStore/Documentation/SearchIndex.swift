import HamkariSecurity
import SQLKit

/// The keyed-token index, in each engine's own full-text machinery: a contentless FTS5 table on
/// SQLite, a `tsvector` with a GIN index on PostgreSQL. Only opaque tokens are stored, never words.
/// On SQLite an event's full-text row id is its order key (`EventListOrder`), so the postings of a
/// word are already in list order.
struct SearchIndex {
    let dialect: DatabaseDialect

    typealias Entry = (eventID: String, orderKey: Int64, tokens: [String])

    /// Indexes new events, one statement per thousand.
    func insertNew(_ entries: [Entry], in database: any SQLDatabase) async throws {
        switch dialect {
        case .sqlite:
            for rows in Self.sqliteRows(entries) {
                try await database.insertRows(into: "event_search", columns: Self.sqliteColumns, rows: rows)
            }
        case .postgres:
            for start in stride(from: 0, to: entries.count, by: 1000) {
                var rows = database.insert(into: "event_search").columns("event_id", "tokens")
                for entry in entries[start..<min(start + 1000, entries.count)] {
                    rows = rows.values(SQLBind(entry.eventID), SQLQueryString("array_to_tsvector(\(bind: entry.tokens)::text[])"))
                }
                try await rows.run()
            }
        }
    }

    /// New events' entries made ready before their transaction: on SQLite the statements bound
    /// (`BoundStatement`); on PostgreSQL, whose rows are built around a function call, the entries.
    enum Pending: Sendable {
        case bound([BoundStatement])
        case entries([Entry])
    }

    func pending(_ entries: [Entry]) throws -> Pending {
        switch dialect {
        case .sqlite:
            .bound(try Self.sqliteRows(entries).map {
                try BoundStatement.insert(into: "event_search", columns: Self.sqliteColumns, rows: $0, dialect: .sqlite)
            })
        case .postgres: .entries(entries)
        }
    }

    func insertNew(_ pending: Pending, in database: any SQLDatabase) async throws {
        switch pending {
        case .bound(let statements): try await database.run(statements)
        case .entries(let entries): try await insertNew(entries, in: database)
        }
    }

    private static let sqliteColumns = ["rowid", "tokens"]

    /// The full-text rows in row id order, a thousand to a statement: FTS5 writes its pending
    /// postings out as a new segment whenever a row id comes lower than the one before it, so events
    /// in file order (dates at random) made a segment, and merges, per event.
    private static func sqliteRows(_ entries: [Entry]) -> [ArraySlice<[ColumnValue]>] {
        let rows = entries.sorted { $0.orderKey < $1.orderKey }.map { [ColumnValue.integer($0.orderKey), .text($0.tokens.joined(separator: " "))] }
        return stride(from: 0, to: rows.count, by: 1000).map { rows[$0..<min($0 + 1000, rows.count)] }
    }

    /// Removes an event's entry, before the event's row changes or goes; returns the order key it had.
    @discardableResult
    func remove(eventID: String, in database: any SQLDatabase) async throws -> Int64 {
        guard let key = try await database.raw("SELECT order_key FROM events WHERE id = \(bind: eventID)").first()?
            .decode(column: "order_key", as: Int64.self) else { throw StoreError.notFound(what: "The event") }
        switch dialect {
        case .sqlite: try await database.raw("DELETE FROM event_search WHERE rowid = \(bind: key)").run()
        case .postgres: try await database.raw("DELETE FROM event_search WHERE event_id = \(bind: eventID)").run()
        }
        return key
    }

    /// A condition on `events`: the event holds every one of `tokens` (whole words only). With
    /// `probeOnly`, SQLite may not drive the query from the matches (`+` keeps the key's index out):
    /// another condition's index leads and each of its events is looked up among the matches.
    func matching(_ tokens: [String], probeOnly: Bool = false) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            let key: SQLQueryString = probeOnly ? "+events.order_key" : "events.order_key"
            return "\(key) IN (SELECT rowid FROM event_search WHERE event_search MATCH \(bind: Self.ftsQuery(tokens)))"
        case .postgres:
            let query = tokens.map { "'\($0)'" }.joined(separator: " & ")
            return "events.id IN (SELECT event_id FROM event_search WHERE tokens @@ CAST(\(bind: query) AS tsquery))"
        }
    }

    /// On SQLite, what a page of a word search reads from when the postings should lead: the
    /// full-text rows joined to their events, with the match to add to the conditions. The postings
    /// come in list order and the walk stops when the page is full, however common the word.
    /// Nil on PostgreSQL, whose planner weighs the GIN index itself.
    func leadingPostings(_ tokens: [String]) -> (from: SQLQueryString, match: SQLQueryString)? {
        guard dialect == .sqlite, !tokens.isEmpty else { return nil }
        return ("event_search JOIN events ON events.order_key = event_search.rowid",
                "event_search MATCH \(bind: Self.ftsQuery(tokens))")
    }

    private static func ftsQuery(_ tokens: [String]) -> String {
        tokens.map { "\"\($0)\"" }.joined(separator: " ")
    }
}
