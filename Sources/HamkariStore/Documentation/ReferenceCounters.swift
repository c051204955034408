import SQLKit

/// The instance's counters in `reference_counters`: reference numbers by prefix, the event order
/// (`EventOrderSequence`) and the change numbers (`EventChangeLog`). Several are taken in one
/// upsert (a save waited for each statement of its transaction in turn), which also locks their
/// rows until the transaction ends, so concurrent writers on either engine never share a number.
enum ReferenceCounters {
    /// Adds each increment to its counter (a new counter starts at its increment) and returns each
    /// counter's new value: the last number taken.
    static func advance(_ increments: [String: Int], in database: any SQLDatabase) async throws -> [String: Int64] {
        guard !increments.isEmpty else { return [:] }
        // Always in the same order, so that two writers lock the rows alike (PostgreSQL).
        let rows: [SQLQueryString] = increments.sorted { $0.key < $1.key }.map { "(\(bind: $0.key), \(bind: $0.value))" }
        var last: [String: Int64] = [:]
        for row in try await database.raw("""
            INSERT INTO reference_counters (prefix, last_number) VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (prefix) DO UPDATE SET last_number = reference_counters.last_number + EXCLUDED.last_number
            RETURNING prefix, last_number
            """).all() {
            last[try row.decode(column: "prefix", as: String.self)] = try row.decode(column: "last_number", as: Int64.self)
        }
        guard last.count == increments.count else { throw StoreError.invalid(reason: "a counter was not advanced") }
        return last
    }
}
