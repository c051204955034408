import Foundation
import Logging
import SQLKit

/// Applies pending migrations in order, each in its own transaction with its record in
/// `hamkari_migrations`. On PostgreSQL an advisory lock keeps two starting app instances apart.
public struct Migrator: Sendable {
    static let lockKey = 0x4841_4D4B  // "HAMK"

    let backend: any DatabaseBackend
    let migrations: [Migration]
    let logger: Logger

    public init(backend: any DatabaseBackend, migrations: [Migration] = Migrations.all, logger: Logger) {
        self.backend = backend
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Returns the versions it applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await createLedger()
        let applied = try await appliedVersions()
        if let newest = applied.max(), newest > latestVersion {
            throw StoreError.newerSchema(found: newest, known: latestVersion)
        }
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            let dialect = backend.dialect
            let ran = try await backend.transaction { database in
                if dialect == .postgres {
                    try await database.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run()
                    let already = try await database.select().column("version").from("hamkari_migrations")
                        .where("version", .equal, migration.version).first()
                    if already != nil { return false }
                }
                try await migration.apply(database, dialect)
                try await database.insert(into: "hamkari_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Int64(Date().timeIntervalSince1970)))
                    .run()
                return true
            }
            if ran {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                done.append(migration.version)
            }
        }
        return done
    }

    public func appliedVersions() async throws -> Set<Int> {
        let rows = try await backend.read { database in
            try await database.select().column("version").from("hamkari_migrations").all()
        }
        return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
    }

    private func createLedger() async throws {
        let types = ColumnTypes(dialect: backend.dialect)
        try await backend.transaction { database in
            try await database.raw("""
                CREATE TABLE IF NOT EXISTS hamkari_migrations (
                    version \(unsafeRaw: types.integer) PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at \(unsafeRaw: types.bigint) NOT NULL
                )
                """).run()
        }
    }
}
