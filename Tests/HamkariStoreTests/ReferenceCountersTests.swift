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

    @Test("Each event keeps one change stamp, its last: a save and an import write theirs, an edit replaces its event's", arguments: TestDatabase.all)
    func changeStamps(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let saved = try await store.events.create(fixture.sample(title: "saved"), actor: fixture.author.id)
            let imported = try await store.events.createAll((0..<7).map { fixture.sample(title: "imported \($0)") }, actor: "test", source: "test")
            func stamps() async throws -> [String: Int64] {
                try await store.backend.read { sql in
                    try await sql.raw("SELECT event_id, seq FROM event_changes").all().reduce(into: [:]) {
                        $0[try $1.decode(column: "event_id", as: String.self)] = try $1.decode(column: "seq", as: Int64.self)
                    }
                }
            }
            let before = try await stamps()
            #expect(before.count == 8)
            let importStamp = try #require(before[imported[0].id.text])
            #expect(imported.allSatisfy { before[$0.id.text] == importStamp }, "one change number for the whole import")
            #expect(try #require(before[saved.id.text]) < importStamp)
            var edit = try #require(try await store.events.find(id: imported[3].id))
            edit.title = "edited"
            try await store.events.update(edit, actor: fixture.author.id)
            let after = try await stamps()
            #expect(after.count == 8, "the edit replaced its event's stamp, it did not add one")
            #expect(try #require(after[edit.id.text]) > importStamp)
            #expect(after.filter { $0.key != edit.id.text } == before.filter { $0.key != edit.id.text })
            let latest = try await store.backend.read { sql in try await EventChangeLog.latest(in: sql) }
            #expect(after[edit.id.text] == latest)
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
