import SQLKit

/// Rows gathered per table, then written as multi-row INSERTs in a fixed table order (parents
/// before the rows that refer to them). A bulk import then costs a few statements per hundred
/// events instead of a dozen per event; a single record goes through the same path.
struct InsertBatch: Sendable {
    /// Tables in the order their rows must reach the database.
    let order: [String]
    private var columns: [String: [String]] = [:]
    private var rows: [String: [[ColumnValue]]] = [:]

    init(order: [String]) {
        self.order = order
    }

    var isEmpty: Bool { rows.values.allSatisfy(\.isEmpty) }

    mutating func add(_ row: Row, to table: String) {
        // Checked in debug builds only: a bulk import adds hundreds of thousands of rows.
        assert(order.contains(table), "\(table) has no place in the batch order")
        if let known = columns[table] {
            assert(known == row.values.map(\.0), "rows of \(table) must list the same columns")
        } else {
            columns[table] = row.values.map(\.0)
        }
        rows[table, default: []].append(row.values.map(\.1))
    }

    /// Writes every row, at most `parameterLimit` bound values per statement (SQLite allows 32,766; PostgreSQL 65,535).
    func write(to database: any SQLDatabase, parameterLimit: Int = 30_000) async throws {
        for statement in statements(parameterLimit: parameterLimit) {
            try await database.insertRows(into: statement.table, columns: statement.columns, rows: statement.rows)
        }
    }

    /// The same statements bound for `dialect` now, to be run later (`SQLDatabase.run(_:)`).
    func bound(for dialect: DatabaseDialect, parameterLimit: Int = 30_000) throws -> [BoundStatement] {
        try statements(parameterLimit: parameterLimit).map {
            try BoundStatement.insert(into: $0.table, columns: $0.columns, rows: $0.rows, dialect: dialect)
        }
    }

    private func statements(parameterLimit: Int) -> [(table: String, columns: [String], rows: ArraySlice<[ColumnValue]>)] {
        order.flatMap { table -> [(table: String, columns: [String], rows: ArraySlice<[ColumnValue]>)] in
            guard let names = columns[table], let tableRows = rows[table], !tableRows.isEmpty else { return [] }
            let perStatement = max(1, parameterLimit / max(1, names.count))
            return stride(from: 0, to: tableRows.count, by: perStatement).map {
                (table, names, tableRows[$0..<min($0 + perStatement, tableRows.count)])
            }
        }
    }
}
