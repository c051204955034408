import Foundation
@testable import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("The write-ahead log kept within its bound")
struct SQLiteLogBoundTests {
    static let bound = SQLiteLogBound(restartAboveBytes: 1 << 20, journalSizeLimitBytes: 256 << 10)
    /// Two 128 KiB values: some 270 KiB of log a transaction.
    static let transactionBytes = 300 << 10

    @Test("Bulk writes one after another start the log afresh once it passes its bound, and keep every row")
    func bounded() async throws {
        try await withTemporaryDirectory { directory async throws in
            let backend = try await SQLiteBackend.open(dataDirectory: directory, create: true, logBound: Self.bound,
                                                       logger: TestDatabase.logger)
            let log = directory.appendingPathComponent(DatabaseLocation.databaseFileName).path + "-wal"
            func logBytes() -> Int { ((try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? NSNumber)?.intValue ?? 0 }
            try await backend.transaction { sql in try await sql.raw("CREATE TABLE filler (bytes BLOB)").run() }
            var sizes: [Int] = []
            for _ in 0..<16 {
                try await backend.transaction { sql in
                    for _ in 0..<2 { try await sql.raw("INSERT INTO filler VALUES (randomblob(131072))").run() }
                }
                sizes.append(logBytes())
            }
            // Unbounded, sixteen such transactions leave more than 4 MiB of log.
            #expect(sizes.allSatisfy { $0 <= Self.bound.restartAboveBytes + Self.transactionBytes }, "log sizes: \(sizes)")
            let count = try await backend.read { sql in
                try await sql.raw("SELECT count(*) AS n, sum(length(bytes)) AS bytes FROM filler").first()
            }
            #expect(try count?.decode(column: "n", as: Int.self) == 32)
            #expect(try count?.decode(column: "bytes", as: Int.self) == 32 * 131_072)
            let integrity = try await backend.read { sql in
                try await sql.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
            }
            #expect(integrity == "ok")
            await backend.shutdown()
        }
    }

    @Test("The bound is the log file's size; a database without a log is within it")
    func measuredByTheLogFile() async throws {
        try await withTemporaryDirectory { directory async throws in
            let database = directory.appendingPathComponent("some.sqlite").path
            #expect(!Self.bound.isExceeded(databasePath: database))
            for (bytes, exceeded) in [(Self.bound.restartAboveBytes, false), (Self.bound.restartAboveBytes + 1, true)] {
                #expect(FileManager.default.createFile(atPath: database + "-wal", contents: Data(count: bytes)))
                #expect(Self.bound.isExceeded(databasePath: database) == exceeded, "\(bytes) bytes")
            }
        }
    }

    @Test("The writer cuts a restarted log back to the journal size limit")
    func journalSizeLimitSet() async throws {
        try await withTemporaryDirectory { directory async throws in
            let backend = try await SQLiteBackend.open(dataDirectory: directory, create: true, logger: TestDatabase.logger)
            let limit = try await backend.transaction { sql in
                try await sql.raw("PRAGMA journal_size_limit").first()?.decode(column: "journal_size_limit", as: Int.self)
            }
            #expect(limit == SQLiteLogBound.standard.journalSizeLimitBytes)
            await backend.shutdown()
        }
    }
}
