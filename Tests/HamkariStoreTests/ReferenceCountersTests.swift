import Foundation
@testable import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Counters taken together, and the write-ahead log copied beside the writer")
struct ReferenceCountersTests {
    @Test("Several counters advance in one statement: a new one starts at its increment, an old one adds to what it had", arguments: TestDatabase.all)
    func advanceTogether(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let first = try await store.backend.transaction { sql in
                try await ReferenceCounters.advance(["TAK-1405": 3, "#test-order": 1], in: sql)
            }
            #expect(first == ["TAK-1405": 3, "#test-order": 1])
            let second = try await store.backend.transaction { sql in
                try await ReferenceCounters.advance(["TAK-1405": 2, "#test-order": 1, "KDZ-1404": 1], in: sql)
            }
            #expect(second == ["TAK-1405": 5, "#test-order": 2, "KDZ-1404": 1])
            #expect(try await store.backend.transaction { sql in try await ReferenceCounters.advance([:], in: sql) }.isEmpty)
        }
    }

    @Test("Saves in one transaction get consecutive references of their prefix and one change number", arguments: TestDatabase.all)
    func savedTogether(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let events = ["first", "second", "third"].map { fixture.sample(title: $0) }
            let results = await store.events.createTogether(events.map { EventCreationQueue.Request(event: $0, actor: fixture.author.id.text) })
            let saved = try results.map { try $0.get() }
            let numbers = saved.map { Int($0.reference.split(separator: "-").last ?? "") ?? 0 }
            #expect(numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2])
            let changes = try await store.backend.read { sql in
                try await sql.raw("SELECT DISTINCT seq FROM event_changes").all().map { try $0.decode(column: "seq", as: Int64.self) }
            }
            #expect(changes.count == 1, "one change number for the transaction")
        }
    }

    @Test("With automatic checkpoints off, the checkpointer copies the log into the database file after a commit")
    func checkpointed() async throws {
        try await withTemporaryDirectory { directory async throws in
            let backend = try await SQLiteBackend.open(dataDirectory: directory, create: true, logger: TestDatabase.logger)
            let file = directory.appendingPathComponent(DatabaseLocation.databaseFileName).path
            func size() throws -> Int { (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0 }
            try await backend.transaction { sql in
                try await sql.raw("CREATE TABLE filler (bytes BLOB)").run()
                for _ in 0..<8 { try await sql.raw("INSERT INTO filler VALUES (zeroblob(262144))").run() }
            }
            try await Task.sleep(for: SQLiteCheckpointer.afterTime + .milliseconds(100))
            try await backend.transaction { sql in try await sql.raw("INSERT INTO filler VALUES (zeroblob(16))").run() }
            var copied = false
            for _ in 0..<50 where !copied {
                copied = try size() >= 2 * 1_048_576
                if !copied { try await Task.sleep(for: .milliseconds(100)) }
            }
            let bytes = try size()
            #expect(copied, "the database file holds the two megabytes written: \(bytes) bytes")
            let count = try await backend.read { sql in try await sql.raw("SELECT count(*) AS n FROM filler").first()?.decode(column: "n", as: Int.self) }
            #expect(count == 9)
            await backend.shutdown()
        }
    }
}
