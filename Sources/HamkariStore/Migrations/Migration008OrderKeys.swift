import HamkariCore
import SQLKit

extension Migrations {
    /// Lists and searches in one order written as one integer (`EventListOrder`): `events.order_key`,
    /// behind an index that also carries every column the record policy and the place and status
    /// filters read, so that a page and its capped count walk the index alone; and the same per
    /// status (a reviewer's queue, a documenter's drafts). On SQLite the key is
    /// also the event's full-text row id, so a word search walks its postings in list order and stops
    /// when the page is full. Those rows were keyed otherwise before: they are rebuilt, which needs the
    /// keys, at the next unlocked opening (`SearchIndexRebuild`); until then searches find nothing.
    static let m008OrderKeys = Migration(8, "events: one list order key, a covering list index, full-text rows keyed by it") { database, dialect in
        let types = ColumnTypes(dialect: dialect)
        try await database.raw("ALTER TABLE events ADD COLUMN order_key \(unsafeRaw: types.bigint)").run()
        let numbered = try await assignOrderKeys(database)
        let covered = "confidentiality, status, organisation_id, author_id, province_pcode, district_pcode, id"
        let coveredButStatus = "confidentiality, organisation_id, author_id, province_pcode, district_pcode, id"
        // The list order replaces the indexes by date and by province: a date bound is a bound on the order
        // key, a province is a large share of the events (`EventRepository.filterConditions`).
        var statements = ["DROP INDEX events_newest", "DROP INDEX events_by_date", "DROP INDEX events_by_place"]
        switch dialect {
        case .sqlite:
            statements += [
                "CREATE UNIQUE INDEX events_in_order ON events (order_key, \(covered))",
                "CREATE INDEX events_by_status_in_order ON events (status, order_key, \(coveredButStatus))",
                "DROP TABLE event_search_keys",
                "DELETE FROM event_search",
            ]
        case .postgres:
            statements += [
                "CREATE UNIQUE INDEX events_in_order ON events (order_key) INCLUDE (\(covered))",
                "CREATE INDEX events_by_status_in_order ON events (status, order_key) INCLUDE (\(coveredButStatus))",
            ]
        }
        for statement in statements {
            try await database.raw("\(unsafeRaw: statement)").run()
        }
        if dialect == .sqlite, numbered > 0 {
            try await SettingsRepository.set(.searchIndexRebuild, to: "order keys", in: database)
        }
        try await PlannerStatistics.refresh(in: database, dialect: dialect)
    }

    /// Gives existing events their keys in the order lists showed them (date, then reference), and
    /// leaves the sequence counter after the last one. Returns how many there were.
    private static func assignOrderKeys(_ database: any SQLDatabase) async throws -> Int {
        let rows = try await database.raw("SELECT id, date_first FROM events ORDER BY COALESCE(date_first, ''), reference").all()
        var sequence: Int64 = 0
        var assigned: [(id: String, key: Int64)] = []
        for row in rows {
            sequence += 1
            assigned.append((try row.decode(column: "id", as: String.self),
                             EventListOrder.key(firstDayISO: try row.decode(column: "date_first", as: String?.self), sequence: sequence)))
        }
        for start in stride(from: 0, to: assigned.count, by: 500) {
            var cases: SQLQueryString = ""
            var ids: [any SQLExpression] = []
            for entry in assigned[start..<min(start + 500, assigned.count)] {
                cases = "\(cases) WHEN \(bind: entry.id) THEN \(literal: Int(entry.key))"
                ids.append(SQLBind(entry.id))
            }
            try await database.raw("""
                UPDATE events SET order_key = CASE id \(cases) END WHERE id IN \(SQLGroupExpression(SQLList(ids)))
                """).run()
        }
        try await EventOrderSequence.advance(to: sequence, in: database)
        return assigned.count
    }
}
