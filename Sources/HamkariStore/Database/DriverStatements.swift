import Logging
import NIOCore
import PostgresNIO
import SQLKit
import SQLiteNIO

/// A statement with its values already in the driver's own form. SQLKit encodes each bound value
/// through `Encodable` with dynamic casts and builds an expression tree for every row: a third of a
/// bulk import's time, and of every save's inserts, went there. Made where the rows are made (an
/// import binds a chunk while the one before it is written), so the writer only runs it.
enum BoundStatement: Sendable {
    case sqlite(String, [SQLiteData])
    case postgres(PostgresQuery)

    /// One multi-row INSERT of `rows`, each listing a value for every one of `columns`; with `upsert`, a
    /// row whose `key` is taken updates that row's `replacing` columns instead (the same SQL on both engines).
    static func insert(
        into table: String, columns: [String], rows: ArraySlice<[ColumnValue]>, dialect: DatabaseDialect, upsert: Upsert? = nil
    ) throws -> BoundStatement {
        let head = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
        let tail = upsert?.clause ?? ""
        switch dialect {
        case .sqlite:
            var binds: [SQLiteData] = []
            binds.reserveCapacity(rows.count * columns.count)
            for row in rows {
                for value in row { binds.append(value.sqliteData) }
            }
            return .sqlite(head + sqlitePlaceholders(rows: rows.count, columns: columns.count) + tail, binds)
        case .postgres:
            var binds = PostgresBindings(capacity: rows.count * columns.count)
            for row in rows {
                for value in row { try value.append(to: &binds) }
            }
            return .postgres(PostgresQuery(unsafeSQL: head + postgresPlaceholders(rows: rows.count, columns: columns.count) + tail, binds: binds))
        }
    }

    struct Upsert {
        let key: String
        let replacing: [String]

        var clause: String {
            " ON CONFLICT (\"\(key)\") DO UPDATE SET " + replacing.map { "\"\($0)\" = excluded.\"\($0)\"" }.joined(separator: ", ")
        }
    }

    /// `rows` groups of `columns` question marks, written straight into the string's storage: a
    /// statement of an import lists 30,000 of them.
    private static func sqlitePlaceholders(rows: Int, columns: Int) -> String {
        guard rows > 0, columns > 0 else { return "" }
        let group = Array("(" + repeatElement("?", count: columns).joined(separator: ", ") + ")").flatMap(\.utf8)
        let length = rows * group.count + (rows - 1) * 2
        return String(unsafeUninitializedCapacity: length) { characters in
            var position = 0
            for row in 0..<rows {
                if row > 0 {
                    characters[position] = UInt8(ascii: ",")
                    characters[position + 1] = UInt8(ascii: " ")
                    position += 2
                }
                for byte in group {
                    characters[position] = byte
                    position += 1
                }
            }
            return position
        }
    }

    private static func postgresPlaceholders(rows: Int, columns: Int) -> String {
        (0..<rows).map { row in
            "(" + (1...columns).map { "$\(row * columns + $0)" }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }
}

extension ColumnValue {
    var sqliteData: SQLiteData {
        switch self {
        case .null: .null
        case .integer(let number): .integer(SQLiteInt64(number))
        case .real(let number): .float(number)
        case .boolean(let flag): .integer(flag ? 1 : 0)
        case .text(let text): .text(text)
        case .blob(let data): .blob(ByteBuffer(bytes: data))
        }
    }

    func append(to binds: inout PostgresBindings) throws {
        switch self {
        case .null: binds.appendNull()
        case .integer(let number): binds.append(number)
        case .real(let number): binds.append(number)
        case .boolean(let flag): binds.append(flag)
        case .text(let text): binds.append(text)
        case .blob(let data): try binds.append(data)
        }
    }
}

/// Runs bound statements on a transaction's own connection.
protocol DriverStatements: Sendable {
    var engine: DatabaseDialect { get }
    func run(_ statement: BoundStatement) async throws
}

struct SQLiteDriverStatements: DriverStatements {
    let connection: SQLiteConnection
    var engine: DatabaseDialect { .sqlite }

    func run(_ statement: BoundStatement) async throws {
        guard case .sqlite(let sql, let binds) = statement else { throw StoreError.invalid(reason: "a PostgreSQL statement was given to SQLite") }
        try await connection.query(sql, binds) { _ in }
    }
}

struct PostgresDriverStatements: DriverStatements {
    let connection: PostgresConnection
    let logger: Logger
    var engine: DatabaseDialect { .postgres }

    func run(_ statement: BoundStatement) async throws {
        guard case .postgres(let query) = statement else { throw StoreError.invalid(reason: "an SQLite statement was given to PostgreSQL") }
        try await connection.query(query, logger: logger)
    }
}

/// The database a transaction works in: SQLKit's, with the driver's own statements beside it for
/// rows written in bulk (`InsertBatch`, `Row.insert`).
struct TransactionDatabase: SQLDatabase {
    let sql: any SQLDatabase
    let driver: any DriverStatements

    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await sql.execute(sql: query, onRow)
    }

    func run(_ statement: BoundStatement) async throws {
        try await driver.run(statement)
    }
}

extension SQLDatabase {
    /// One multi-row INSERT: bound by the driver inside a transaction (`TransactionDatabase`), by SQLKit elsewhere.
    func insertRows(
        into table: String, columns: [String], rows: ArraySlice<[ColumnValue]>, upsert: BoundStatement.Upsert? = nil
    ) async throws {
        if let transaction = self as? TransactionDatabase {
            try await transaction.run(BoundStatement.insert(into: table, columns: columns, rows: rows, dialect: transaction.driver.engine,
                                                            upsert: upsert))
        } else {
            var insert = self.insert(into: table).columns(columns)
            for values in rows { insert = insert.values(values.map { $0 as any SQLExpression }) }
            if let upsert {
                insert = insert.onConflict(with: [upsert.key]) { conflict in
                    upsert.replacing.reduce(conflict) { $0.set(excludedValueOf: $1) }
                }
            }
            try await insert.run()
        }
    }

    /// Statements bound ahead (`BoundStatement`), in order; only a transaction's database can run them.
    func run(_ statements: [BoundStatement]) async throws {
        guard let transaction = self as? TransactionDatabase else {
            throw StoreError.invalid(reason: "statements bound ahead are run only inside a transaction")
        }
        for statement in statements { try await transaction.run(statement) }
    }
}
