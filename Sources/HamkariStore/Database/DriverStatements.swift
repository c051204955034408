import Logging
import NIOCore
import PostgresNIO
import SQLKit
import SQLiteNIO

/// Statements whose values the driver binds as they are. SQLKit encodes each bound value through
/// `Encodable` with dynamic casts, and builds an expression tree for every row: a third of a bulk
/// import's time, and of every save's inserts, went there.
protocol DriverStatements: Sendable {
    /// `rows` groups of `columns` placeholders, for a multi-row `VALUES`.
    func placeholders(rows: Int, columns: Int) -> String
    func run(_ sql: String, _ values: [ColumnValue]) async throws
}

struct SQLiteDriverStatements: DriverStatements {
    let connection: SQLiteConnection

    func placeholders(rows: Int, columns: Int) -> String {
        let row = "(" + repeatElement("?", count: columns).joined(separator: ", ") + ")"
        return repeatElement(row, count: rows).joined(separator: ", ")
    }

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

    func placeholders(rows: Int, columns: Int) -> String {
        (0..<rows).map { row in
            "(" + (1...columns).map { "$\(row * columns + $0)" }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }

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
        for row in rows { values.append(contentsOf: row) }
        text += driver.placeholders(rows: rows.count, columns: columns.count)
        try await driver.run(text, values)
    }
}

extension SQLDatabase {
    /// One multi-row INSERT: bound by the driver inside a transaction (`TransactionDatabase`), by SQLKit elsewhere.
    func insertRows(into table: String, columns: [String], rows: ArraySlice<[ColumnValue]>) async throws {
        if let transaction = self as? TransactionDatabase {
            try await transaction.insert(into: table, columns: columns, rows: rows)
        } else {
            var insert = self.insert(into: table).columns(columns)
            for values in rows { insert = insert.values(values.map { $0 as any SQLExpression }) }
            try await insert.run()
        }
    }
}
