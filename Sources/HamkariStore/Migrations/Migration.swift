import SQLKit

/// One numbered, forward-only change to the schema. Once landed, a migration is never edited:
/// a later change is a new migration.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase, DatabaseDialect) async throws -> Void

    init(_ version: Int, _ name: String, apply: @escaping @Sendable (any SQLDatabase, DatabaseDialect) async throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }

    /// A migration that is plain DDL, written once with column types that differ by engine.
    init(_ version: Int, _ name: String, ddl: @escaping @Sendable (ColumnTypes) -> [String]) {
        self.init(version, name) { database, dialect in
            for statement in ddl(ColumnTypes(dialect: dialect)) {
                try await database.raw("\(unsafeRaw: statement)").run()
            }
        }
    }
}

/// The few column types whose names differ between SQLite and PostgreSQL.
public struct ColumnTypes: Sendable {
    let dialect: DatabaseDialect
    var text: String { "TEXT" }
    var integer: String { "INTEGER" }
    var bigint: String { dialect == .sqlite ? "INTEGER" : "BIGINT" }
    var double: String { dialect == .sqlite ? "REAL" : "DOUBLE PRECISION" }
    var blob: String { dialect == .sqlite ? "BLOB" : "BYTEA" }
}
