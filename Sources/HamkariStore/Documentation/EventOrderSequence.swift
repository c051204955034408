import SQLKit

/// The instance's running number of events, the low part of their order keys (`EventListOrder`).
/// It lives beside the reference counters, under a name no reference can have, and is taken the
/// same way: one upsert per batch, so concurrent writers on either engine never share a number.
enum EventOrderSequence {
    static let counter = "#event-order"

    /// Reserves `count` numbers and returns the first.
    static func reserve(_ count: Int, in database: any SQLDatabase) async throws -> Int64 {
        let last = try await database.raw("""
            INSERT INTO reference_counters (prefix, last_number) VALUES (\(bind: counter), \(bind: count))
            ON CONFLICT (prefix) DO UPDATE SET last_number = reference_counters.last_number + \(bind: count) RETURNING last_number
            """).first()?.decode(column: "last_number", as: Int64.self) ?? Int64(count)
        return last - Int64(count) + 1
    }

    /// Sets the counter to `number` (after existing events were numbered up to it).
    static func advance(to number: Int64, in database: any SQLDatabase) async throws {
        try await database.raw("""
            INSERT INTO reference_counters (prefix, last_number) VALUES (\(bind: counter), \(bind: number))
            ON CONFLICT (prefix) DO UPDATE SET last_number = \(bind: number)
            """).run()
    }
}
