import Logging
import NIOCore
import PostgresNIO
import SQLKit
import SQLiteNIO

/// Statements whose values the driver binds as they are. SQLKit encodes each bound value through
/// `Encodable` with dynamic casts, and builds an expression tree for every row: a third of a bulk
/// import's time, and of every save's inserts, went there.
protocol DriverStatements: Sendable {
    /// The placeholder for the `position`th value (from 1).
    func placeholder(_ position: Int) -> String
    func run(_ sql: String, _ values: [ColumnValue]) async throws
}

struct SQLiteDriverStatements: DriverStatements {
    let connection: SQLiteConnection

    func placeholder(_ position: Int) -> String { "?" }

    func run(_ sql: String, _ values: [ColumnValue]) async throws {
        let binds = values.map { value -> SQLiteData in
            switch value {
            case .null: .null
            case .integer(let number): .integer(SQLiteInt64(number))
            case .real(let number): .float(number)
            case .boolean(let flag): .integer(flag ? 1 : 0)
            case .text(let text): .text(text)
            case .blob(let data): .blob(ByteBuffer(bytes: data))
            }
        }
        try await connection.query(sql, binds) { _ in }
    }
}

struct PostgresDriverStatements: DriverStatements {
    let connection: PostgresConnection
    let logger: Logger

    func placeholder(_ position: Int) -> String { "$\(position)" }

    func run(_ sql: String, _ values: [ColumnValue]) async throws {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let number): binds.append(number)
            case .real(let number): binds.append(number)
            case .boolean(let flag): binds.append(flag)
            case .text(let text): binds.append(text)
            case .blob(let data): try binds.append(data)
            }
        }
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
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

    /// One multi-row INSERT of `rows` (each listing a value for every one of `columns`).
    func insert(into table: String, columns: [String], rows: ArraySlice<[ColumnValue]>) async throws {
        var text = "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
        var values: [ColumnValue] = []
        values.reserveCapacity(rows.count * columns.count)
        var groups: [String] = []
        groups.reserveCapacity(rows.count)
        for row in rows {
            let first = values.count + 1
            values.append(contentsOf: row)
            groups.append("(" + (first..<first + row.count).map(driver.placeholder).joined(separator: ", ") + ")")
        }
        text += groups.joined(separator: ", ")
        try await driver.run(text, values)
    }
}
