import SQLKit

/// One database engine behind the store. Repositories speak SQLKit to it, so SQLite and PostgreSQL
/// share every query; only the backend knows how connections are leased and transactions begun.
public protocol DatabaseBackend: Sendable {
    var dialect: DatabaseDialect { get }
    var location: DatabaseLocation { get }

    /// Runs `work` on a connection for reading.
    func read<Result: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result

    /// Runs `work` in one transaction: all of it is committed, or none of it.
    func transaction<Result: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Result) async throws -> Result

    func shutdown() async
}
