import SQLKit

/// The instance's running number of events, the low part of their order keys (`EventListOrder`).
/// It lives beside the reference counters, under a name no reference can have, and is taken the
/// same way (`ReferenceCounters`), with the references of the same batch.
enum EventOrderSequence {
    static let counter = "#event-order"

    /// Sets the counter to `number` (after existing events were numbered up to it).
    static func advance(to number: Int64, in database: any SQLDatabase) async throws {
        try await database.raw("""
            INSERT INTO reference_counters (prefix, last_number) VALUES (\(bind: counter), \(bind: number))
            ON CONFLICT (prefix) DO UPDATE SET last_number = \(bind: number)
            """).run()
    }
}
