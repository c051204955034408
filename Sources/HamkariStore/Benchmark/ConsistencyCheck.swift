import Foundation
import SQLKit

/// What a crash must never leave behind, checked after the durability test kills the server: a
/// damaged file (SQLite's own check), an event without its history or its search entry, or a
/// reference counter behind a reference already given out (the next record would repeat it).
public struct ConsistencyCheck: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Every problem found, in words; empty when all is well.
    public func problems() async throws -> [String] {
        let dialect = store.backend.dialect
        return try await store.backend.read { database in
            var problems: [String] = []
            if dialect == .sqlite {
                let answers = try await database.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
                if answers != ["ok"] { problems += answers.prefix(10).map { "integrity_check: \($0)" } }
            }
            let unindexed: SQLQueryString = dialect == .sqlite
                ? "SELECT COUNT(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_search s WHERE s.rowid = e.order_key)"
                : "SELECT COUNT(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_search s WHERE s.event_id = e.id)"
            let checks: [(String, SQLQueryString)] = [
                ("events without history", "SELECT COUNT(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_history h WHERE h.event_id = e.id)"),
                ("events without a search entry", unindexed),
                ("acts of missing events", "SELECT COUNT(*) AS n FROM event_acts a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = a.event_id)"),
            ]
            for (what, sql) in checks {
                let count = try await database.raw(sql).first()?.decode(column: "n", as: Int.self) ?? 0
                if count > 0 { problems.append("\(count) \(what)") }
            }
            var highest: [String: Int] = [:]
            for row in try await database.raw("SELECT reference FROM events").all() {
                let reference = try row.decode(column: "reference", as: String.self)
                guard let dash = reference.lastIndex(of: "-"), let number = Int(reference[reference.index(after: dash)...]) else { continue }
                let prefix = String(reference[..<dash])
                highest[prefix] = max(highest[prefix] ?? 0, number)
            }
            var counters: [String: Int] = [:]
            for row in try await database.raw("SELECT prefix, last_number FROM reference_counters").all() {
                counters[try row.decode(column: "prefix", as: String.self)] = try row.decode(column: "last_number", as: Int.self)
            }
            for (prefix, number) in highest where (counters[prefix] ?? 0) < number {
                problems.append("reference counter \(prefix) is at \(counters[prefix] ?? 0) but \(prefix)-\(number) exists")
            }
            return problems
        }
    }
}
