import Foundation
import HamkariCore
@testable import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("The writer's page cache during a bulk write")
struct SQLitePageCacheTests {
    static func writerCacheKiB(_ store: Store) async throws -> Int? {
        try await store.backend.transaction { sql in
            try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)
        }.map { -$0 }
    }

    static func events(_ fixture: DocumentationFixture, count: Int) -> [Event] {
        DemoEvents(organisations: [fixture.own.id], authorID: fixture.author.id)
            .events(in: 0..<count, seed: 11, now: Date(timeIntervalSince1970: 1_780_000_000))
    }

    @Test("After an import the writer's page cache is back to its usual size", arguments: TestDatabase.all)
    func givenBackAfterAnImport(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let stored = try await store.events.createAll(Self.events(fixture, count: 700), actor: "test", source: "test")
            #expect(stored.count == 700)
            if store.backend.dialect == .sqlite {
                #expect(try await Self.writerCacheKiB(store) == SQLitePageCache.usualKiB)
            }
        }
    }

    @Test("An import that fails part-way stores nothing and gives the cache back too", arguments: TestDatabase.all)
    func givenBackAfterAFailure(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            var events = Self.events(fixture, count: 700)
            // The second chunk (events 500 on) repeats the first event's id: its rows are refused there, mid-import.
            events[600].id = events[0].id
            await #expect(throws: (any Error).self) {
                try await store.events.createAll(events, actor: "test", source: "test")
            }
            let count = try await store.backend.read { sql in
                try await sql.raw("SELECT count(*) AS n FROM events").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 0, "an import is all or nothing")
            if store.backend.dialect == .sqlite {
                #expect(try await Self.writerCacheKiB(store) == SQLitePageCache.usualKiB)
            }
        }
    }

    struct Refused: Error {}

    @Test("Inside a bulk write the cache is the larger one; after it, and after a failure, the usual one", arguments: TestDatabase.all)
    func sizes(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            guard store.backend.dialect == .sqlite else {
                // PostgreSQL keeps its own buffers: the write runs as it is.
                let result = try await store.backend.transaction { sql in try await SQLitePageCache.growing(for: sql, dialect: .postgres) { 42 } }
                #expect(result == 42)
                return
            }
            try await store.backend.transaction { sql in
                func cacheKiB() async throws -> Int? {
                    (try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self)).map { -$0 }
                }
                let inside = try await SQLitePageCache.growing(for: sql, dialect: .sqlite) { try await cacheKiB() }
                #expect(inside == SQLitePageCache.bulkWriteKiB)
                #expect(try await cacheKiB() == SQLitePageCache.usualKiB)
                await #expect(throws: Refused.self) {
                    try await SQLitePageCache.growing(for: sql, dialect: .sqlite) { throw Refused() }
                }
                #expect(try await cacheKiB() == SQLitePageCache.usualKiB)
            }
        }
    }
}
