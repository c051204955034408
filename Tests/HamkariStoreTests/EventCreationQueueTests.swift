import Foundation
import HamkariCore
@testable import HamkariStore
import TestSupport
import Testing

@Suite("Saves made at the same moment share a transaction")
struct EventCreationQueueTests {
    @Test("Concurrent saves are all stored, each with its own reference, history, audit entry and actor", arguments: TestDatabase.all)
    func concurrentSaves(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let auditBefore = try await store.audit.count()
            let actors = (0..<24).map { _ in UUIDv7.make() }
            let stored = try await withThrowingTaskGroup(of: (Int, Event).self) { group in
                for (index, actor) in actors.enumerated() {
                    group.addTask { (index, try await store.events.create(fixture.sample(title: "save \(index)"), actor: actor)) }
                }
                return try await group.reduce(into: [Int: Event]()) { $0[$1.0] = $1.1 }
            }
            #expect(Set(stored.values.map(\.reference)).count == actors.count)
            for (index, actor) in actors.enumerated() {
                let event = try #require(stored[index])
                #expect(try await store.events.find(id: event.id)?.title == "save \(index)")
                #expect(try await store.events.history(of: event.id).map(\.actor) == [actor.text])
            }
            #expect(try await store.audit.count() == auditBefore + actors.count)
            #expect(try await store.audit.verify().isIntact)
        }
    }

    @Test("A batch with one bad event stores the others; the bad one gets its own error and leaves nothing", arguments: TestDatabase.all)
    func oneBadEvent(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            var orphan = fixture.sample(title: "no such organisation")
            orphan.organisationID = UUIDv7.make()
            let requests = [fixture.sample(title: "first"), orphan, fixture.sample(title: "third")]
                .map { EventCreationQueue.Request(event: $0, actor: fixture.author.id.text) }
            let auditBefore = try await store.audit.count()
            let results = await store.events.createTogether(requests)
            #expect(results.count == 3)
            #expect((try? results[0].get())?.title == "first")
            #expect((try? results[1].get()) == nil)
            #expect((try? results[2].get())?.title == "third")
            let viewer = EventVisibility(AccessPolicy.Subject(fixture.author))
            let titles = try await store.events.search(EventQuery(limit: 10), visibility: viewer).events.map(\.title)
            #expect(titles.sorted() == ["first", "third"])
            #expect(try await store.events.find(id: orphan.id) == nil)
            #expect(try await store.audit.count() == auditBefore + 2)
        }
    }
}
