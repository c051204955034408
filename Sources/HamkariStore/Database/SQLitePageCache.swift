import SQLKit

/// The writer's page cache, grown for the length of a bulk write. An import's rows land all over
/// the events' indexes (their keys follow the events' dates, places and references, not the order
/// of writing), some 40 MiB of pages at 100,000 events: in the usual 16 MiB SQLite wrote dirty pages
/// out in the middle of the transaction and read them back, a fifth of the writer's time by perf
/// samples. The larger cache is given back when the write ends, so an idle server stays small.
enum SQLitePageCache {
    static let usualKiB = 16_384
    static let bulkWriteKiB = 98_304

    static var usualPragma: String { "cache_size = -\(usualKiB)" }

    /// Runs `body` with the larger cache on SQLite (PostgreSQL keeps its own buffers), then shrinks it
    /// again whether `body` succeeded or not.
    static func growing<Result>(
        for database: any SQLDatabase, dialect: DatabaseDialect, _ body: () async throws -> Result
    ) async throws -> Result {
        guard dialect == .sqlite else { return try await body() }
        try await database.raw("PRAGMA cache_size = -\(unsafeRaw: String(bulkWriteKiB))").run()
        let result: Result
        do {
            result = try await body()
        } catch {
            try? await database.raw("PRAGMA \(unsafeRaw: usualPragma)").run()
            throw error
        }
        try await database.raw("PRAGMA \(unsafeRaw: usualPragma)").run()
        return result
    }
}
