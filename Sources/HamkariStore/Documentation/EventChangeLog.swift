import SQLKit

/// Numbers each transaction that changes events, in commit order, and records it as the last
/// change of each event it touched. The number is taken like the other counters (one upsert of a
/// row in `reference_counters`), and that row stays locked until the transaction ends: on
/// PostgreSQL a second writer waits for the first to commit before it takes the next number, so a
/// reader that sees number n has every change numbered up to n. Called last in the transaction,
/// to hold the lock for as short a time as possible.
enum EventChangeLog {
    static let counter = "#event-changes"

    static func stamp(_ eventIDs: [String], in database: any SQLDatabase) async throws {
        guard !eventIDs.isEmpty else { return }
        guard let number = try await ReferenceCounters.advance([counter: 1], in: database)[counter] else { return }
        try await record(eventIDs, as: number, in: database)
    }

    /// Records change `number`, already taken in this transaction (with other counters, by a save
    /// that holds its transaction only briefly), as the last change of each of `eventIDs`.
    static func record(_ eventIDs: [String], as number: Int64, in database: any SQLDatabase) async throws {
        // Bound by the driver: an import's last statements, which nothing else overlaps.
        let rows = eventIDs.map { [ColumnValue.text($0), .integer(number)] }
        for start in stride(from: 0, to: rows.count, by: 5000) {
            try await database.insertRows(into: "event_changes", columns: ["event_id", "seq"], rows: rows[start..<min(start + 5000, rows.count)],
                                          upsert: BoundStatement.Upsert(key: "event_id", replacing: ["seq"]))
        }
    }

    /// The number of the last committed change (0 before any).
    static func latest(in database: any SQLDatabase) async throws -> Int64 {
        try await database.select().column("last_number").from("reference_counters").where("prefix", .equal, counter).first()?
            .decode(column: "last_number", as: Int64.self) ?? 0
    }

    /// The events changed after change `number`.
    static func changed(after number: Int64, in database: any SQLDatabase) async throws -> [String] {
        try await database.select().column("event_id").from("event_changes").where("seq", .greaterThan, number).all()
            .map { try $0.decode(column: "event_id", as: String.self) }
    }
}
