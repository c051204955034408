import Foundation
@testable import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Rows bound ahead and written in bulk")
struct BoundStatementTests {
    static let rows: [[ColumnValue]] = [
        [.text("ا"), .integer(7), .blob(Data([0, 1, 2])), .null],
        [.text("b"), .integer(-1), .blob(Data()), .boolean(true)],
        [.text("c'\""), .integer(Int64.max), .null, .real(0.5)],
    ]

    @Test("Placeholders: one group per row, numbered on PostgreSQL; every value bound once")
    func statementText() throws {
        let columns = ["name", "number", "bytes", "extra"]
        guard case .sqlite(let sqlite, let binds) = try BoundStatement.insert(into: "t", columns: columns, rows: Self.rows[...], dialect: .sqlite) else {
            Issue.record("an SQLite statement was expected"); return
        }
        #expect(sqlite == #"INSERT INTO "t" ("name", "number", "bytes", "extra") VALUES (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)"#)
        #expect(binds.count == 12)
        #expect(binds[2].blob.map { Array($0.readableBytesView) } == [0, 1, 2] && binds[7] == .integer(1))
        guard case .postgres(let query) = try BoundStatement.insert(into: "t", columns: columns, rows: Self.rows[1...], dialect: .postgres) else {
            Issue.record("a PostgreSQL statement was expected"); return
        }
        #expect(query.sql == #"INSERT INTO "t" ("name", "number", "bytes", "extra") VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)"#)
        #expect(query.binds.count == 8)
    }

    @Test("Statements bound before the transaction write the rows in it; outside a transaction they are refused", arguments: TestDatabase.all)
    func boundAheadAndRun(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await store.backend.transaction { sql in
                try await sql.raw("CREATE TABLE bound_test (name TEXT, number BIGINT, bytes \(unsafeRaw: database == .postgres ? "BYTEA" : "BLOB"), extra TEXT)").run()
            }
            var batch = InsertBatch(order: ["bound_test"])
            for index in 0..<2_500 {
                var row = Row()
                row.set("name", "ردیف \(index)")
                row.set("number", index)
                row.set("bytes", Data([UInt8(index % 256)]))
                row.set("extra", index % 2 == 0 ? "even" : nil)
                batch.add(row, to: "bound_test")
            }
            let statements = try batch.bound(for: store.backend.dialect, parameterLimit: 4_000)
            #expect(statements.count == 3, "1,000 rows of 4 values to a statement")
            try await store.backend.transaction { sql in try await sql.run(statements) }
            let (count, sum, evens) = try await store.backend.read { sql in
                let row = try await sql.raw("SELECT COUNT(*) AS n, CAST(SUM(number) AS BIGINT) AS s, COUNT(extra) AS e FROM bound_test").first()
                return (try row?.decode(column: "n", as: Int.self), try row?.decode(column: "s", as: Int.self), try row?.decode(column: "e", as: Int.self))
            }
            #expect(count == 2_500 && sum == 2_499 * 2_500 / 2 && evens == 1_250)
            await #expect(throws: StoreError.self, "statements bound ahead need the transaction's own connection") {
                try await store.backend.read { sql in try await sql.run(statements) }
            }
            let after = try await store.backend.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM bound_test").first()?.decode(column: "n", as: Int.self) }
            #expect(after == 2_500, "nothing written twice")
        }
    }
}
