import Foundation
@testable import HamkariStore
import SQLiteNIO
import TestSupport
import Testing

@Suite("Opening a data directory safely")
struct OpeningTests {
    static func open(_ directory: URL, create: Bool = false) async throws -> Store {
        try await Store.open(.sqlite(dataDirectory: directory), keys: .generate(), create: create, logger: TestDatabase.logger)
    }

    @Test("SQLite runs in WAL mode with synchronous=FULL, foreign keys and secure delete")
    func pragmas() async throws {
        try await TestDatabase.sqlite.withStore { store async throws in
            let values = try await store.backend.read { db -> [String: Int] in
                var values: [String: Int] = [:]
                for pragma in ["synchronous", "foreign_keys", "secure_delete"] {
                    values[pragma] = try await db.raw("PRAGMA \(unsafeRaw: pragma)").first()?.decode(column: pragma, as: Int.self)
                }
                return values
            }
            #expect(values == ["synchronous": 2, "foreign_keys": 1, "secure_delete": 1])
            let mode = try await store.backend.read { db async throws in
                try await db.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            }
            #expect(mode == "wal")
        }
    }

    @Test("A missing instance is not created unless asked")
    func notInitialised() async throws {
        try await withTemporaryDirectory { directory async throws in
            let missing = directory.appendingPathComponent("nothing-here")
            await #expect(throws: StoreError.notInitialised(path: missing.path)) { try await Self.open(missing) }
            #expect(!FileManager.default.fileExists(atPath: missing.path))
            let empty = directory.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            await #expect(throws: StoreError.notInitialised(path: empty.path)) { try await Self.open(empty) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty)
        }
    }

    @Test("A file given as the data directory is refused")
    func fileAsDirectory() async throws {
        try await withTemporaryDirectory { directory async throws in
            let file = directory.appendingPathComponent("notes.txt")
            try Data("not a directory".utf8).write(to: file)
            await #expect(throws: StoreError.dataDirectoryIsAFile(path: file.path)) { try await Self.open(file, create: true) }
            #expect(try contentsOfFile(at: file) == Data("not a directory".utf8))
        }
    }

    @Test("A corrupt or foreign database file is refused and left byte for byte as it was")
    func corruptFile() async throws {
        try await withTemporaryDirectory { directory async throws in
            let database = directory.appendingPathComponent(DatabaseLocation.databaseFileName)
            let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            try garbage.write(to: database)
            await #expect(throws: StoreError.notADatabase(path: database.path)) { try await Self.open(directory, create: true) }
            #expect(try contentsOfFile(at: database) == garbage)
            #expect(!FileManager.default.fileExists(atPath: database.path + "-wal"))
        }
    }

    @Test("Another program's SQLite database is refused and left as it was")
    func foreignDatabase() async throws {
        try await withTemporaryDirectory { directory async throws in
            let database = directory.appendingPathComponent(DatabaseLocation.databaseFileName)
            let connection = try await SQLiteConnection.open(storage: .file(path: database.path))
            _ = try await connection.query("CREATE TABLE contacts (name TEXT)")
            _ = try await connection.query("INSERT INTO contacts VALUES ('someone')")
            try await connection.close()
            let before = try contentsOfFile(at: database)
            await #expect(throws: StoreError.foreignDatabase(path: database.path)) { try await Self.open(directory, create: true) }
            #expect(try contentsOfFile(at: database) == before)
        }
    }

    @Test("A damaged Hamkari database is refused without being written")
    func damagedDatabase() async throws {
        try await withTemporaryDirectory { directory async throws in
            let store = try await Self.open(directory, create: true)
            await store.shutdown()
            let database = directory.appendingPathComponent(DatabaseLocation.databaseFileName)
            var bytes = try contentsOfFile(at: database)
            for index in 100..<min(bytes.count, 4096) { bytes[index] = 0xFF }
            try bytes.write(to: database)
            await #expect(throws: StoreError.self) { _ = try await Self.open(directory) }
            #expect(try contentsOfFile(at: database) == bytes)
        }
    }

    @Test("A PostgreSQL URL that is not one is refused; an unreachable server's error hides the password")
    func postgresErrors() async throws {
        await #expect(throws: StoreError.invalidDatabaseURL) {
            _ = try await Store.open(.postgres(url: "postgres://"), keys: .generate(), create: false, logger: TestDatabase.logger)
        }
        do {
            _ = try await Store.open(.postgres(url: "postgres://user:s3cret-pw@127.0.0.1:1/db"), keys: .generate(), create: false, logger: TestDatabase.logger)
            Issue.record("expected the connection to fail")
        } catch let error as StoreError {
            #expect(!error.description.contains("s3cret-pw"))
            #expect(error.description.contains("127.0.0.1:1"))
        }
    }

    @Test("A PostgreSQL server that takes the connection but never answers is tried three times, then named as not answering")
    func silentPostgres() async throws {
        let server = try await SilentTCPServer.start()
        do {
            _ = try await PostgresBackend.open(url: "postgres://hamkari:s3cret-pw@127.0.0.1:\(server.port)/hamkari",
                                               logger: TestDatabase.logger, answerTimeout: .milliseconds(300))
            Issue.record("expected the connection to fail")
        } catch let error as StoreError {
            #expect(error.description.contains("did not answer"), "\(error)")
            #expect(!error.description.contains("s3cret-pw"))
        }
        #expect(server.accepted == 3)
        await server.stop()
    }

    @Test("Redacted locations never show a password")
    func redaction() {
        let location = DatabaseLocation.postgres(url: "postgres://hamkari:hunter2@db.example:5432/hamkari?sslmode=require")
        #expect(location.redacted == "postgres://hamkari:…@db.example:5432/hamkari")
    }
}
