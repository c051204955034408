import Foundation
import HamkariCore
import HamkariSecurity
@testable import HamkariStore
import TestSupport
import Testing

@Suite("Dashboard counts from memory equal the counts in SQL, and follow every change")
struct EventFactsCacheTests {
    /// Counts in a form that compares (the order of rows is not part of them).
    struct Counted: Equatable {
        var days: [String: Int]
        var facets: [String: [String: Int]]
        var people: [String: Int]
        var groups: GroupCount

        init(_ counts: EventFactsSnapshot.Counts) {
            days = Dictionary(uniqueKeysWithValues: counts.days.map { ($0.key, $0.count) })
            facets = Dictionary(uniqueKeysWithValues: counts.facets.map { facet, pairs in
                (facet.rawValue, Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.count) }))
            })
            people = Dictionary(uniqueKeysWithValues: counts.people.map { ("\($0.sex) \($0.age)", $0.count) })
            groups = counts.groups
        }

        var events: Int { days.values.reduce(0, +) }
    }

    static func scope(_ subject: AccessPolicy.Subject, _ query: EventQuery = EventQuery(), publication: Bool = false) -> StatisticsRepository.Scope {
        StatisticsRepository.Scope(query: query, visibility: EventVisibility(subject), publicationOnly: publication, includesCases: false,
                                   calendar: .gregorian)
    }

    static func both(_ store: Store, _ scope: StatisticsRepository.Scope) async throws -> (memory: Counted, sql: Counted) {
        (Counted(try await store.statistics.eventCounts(scope)), Counted(try await store.statistics.countedInSQL(scope)))
    }

    @Test("For every kind of reader, each filter and for publication", arguments: TestDatabase.all)
    func sameAsSQL(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let generated = DemoEvents(organisations: [fixture.own.id, fixture.other.id], authorID: fixture.author.id)
                .events(in: 0..<200, seed: 5, now: Date(timeIntervalSince1970: 1_780_000_000))
            var events = try await store.events.createAll(generated, actor: "test", source: "test")
            var shared = fixture.sample(.organisations)
            shared.sharedWith = [fixture.other.id]
            shared.status = .submitted
            events.append(try await store.events.create(shared, actor: fixture.author.id))
            events.append(try await store.events.create(fixture.sample(.protection), actor: fixture.author.id))
            let readers = [fixture.subject(.documenter), fixture.subject(.documenter, of: fixture.other), fixture.subject(.partner, of: fixture.other),
                           fixture.subject(.protectionOfficer), fixture.subject(.coordinator),
                           AccessPolicy.Subject(id: fixture.author.id, organisationID: fixture.own.id, role: .documenter)]
            let first = try #require(events.first { !$0.acts.isEmpty && $0.districtPcode != nil && $0.date != nil })
            let queries = [
                EventQuery(), EventQuery(status: .verified), EventQuery(provincePcode: first.provincePcode), EventQuery(districtPcode: first.districtPcode),
                EventQuery(actType: first.acts[0].type), EventQuery(perpetratorType: first.acts.flatMap(\.involvements).first?.perpetratorType),
                EventQuery(victimSex: .female), EventQuery(victimSex: .unknown), EventQuery(victimAgeGroup: .child), EventQuery(victimAgeGroup: .adult),
                EventQuery(from: first.date?.firstISO, to: first.date.map { _ in "2099-12-31" }), EventQuery(to: first.date?.lastISO),
                EventQuery(organisationID: fixture.other.id), EventQuery(provincePcode: "AF99"), EventQuery(actType: "no_such_type"),
            ]
            for reader in readers {
                for query in queries {
                    for publication in [false, true] {
                        let (memory, sql) = try await Self.both(store, Self.scope(reader, query, publication: publication))
                        #expect(memory == sql, "\(reader.role) \(query) publication \(publication)")
                    }
                    let visibility = EventVisibility(reader)
                    for facet in [EventFacet.actType, .district] {
                        let fromFacts = try await store.statistics.counts(by: facet, query, visibility: visibility)
                        let inSQL = try await store.events.counts(by: facet, query, visibility: visibility)
                        #expect(fromFacts.counts.map(\.key) == inSQL.map(\.key) && fromFacts.counts.map(\.count) == inSQL.map(\.count),
                                "\(facet) \(reader.role) \(query)")
                        #expect(fromFacts.total == (try await store.events.count(query, visibility: visibility)))
                    }
                }
            }
            let everything = try await Self.both(store, Self.scope(fixture.subject(.coordinator))).memory
            var keys = FactKeys()
            let batched = try await EventFactsLoader(backend: store.backend).loadAll(keys: &keys, batch: 7)
            #expect(Set(batched.map(\.id)) == Set(events.map(\.id)) && batched.count == events.count, "read 7 at a time, each event once")
            let batchedCounts = try #require(EventFactsSnapshot(facts: batched, keys: keys)
                .count(EventQuery(), visibility: EventVisibility(fixture.subject(.coordinator)), publicationOnly: false))
            #expect(Counted(batchedCounts) == everything)
            #expect(everything.events == events.filter { EventVisibility(fixture.subject(.coordinator)).allows(.init($0)) }.count)
            #expect(everything.events > 100 && !everything.people.isEmpty && everything.groups.total > 0, "the sample counts something of each")
        }
    }

    @Test("A change is counted at the next look: created, edited, moved, deleted, imported, and by another process", arguments: TestDatabase.all)
    func followsChanges(database: TestDatabase) async throws {
        try await database.withLocation { location in
            let keys = InstanceKeys.generate()
            let store = try await Store.open(location, keys: keys, create: true, logger: TestDatabase.logger)
            let other = try await Store.open(location, keys: keys, create: false, logger: TestDatabase.logger)
            try await store.closing { store in
                try await other.closing { other in
                    let fixture = try await DocumentationFixture.make(store)
                    let author = AccessPolicy.Subject(id: fixture.author.id, organisationID: fixture.own.id, role: .documenter)
                    let scope = Self.scope(author)
                    func counted() async throws -> Counted {
                        let (memory, sql) = try await Self.both(store, scope)
                        #expect(memory == sql)
                        return memory
                    }
                    #expect(try await counted().events == 0)
                    let draft = try await store.events.create(fixture.sample(), actor: fixture.author.id)
                    #expect(try await counted().events == 1)
                    var moved = try await other.events.create(fixture.sample(), actor: fixture.author.id)
                    #expect(try await counted().events == 2, "written by another process")
                    moved.districtPcode = "AF1802"
                    moved = try await other.events.update(moved, actor: fixture.author.id)
                    #expect(try await counted().facets["district"] == ["AF1801": 1, "AF1802": 1])
                    try await other.events.transition(moved.id, to: .submitted, reason: "", by: author)
                    #expect(try await counted().facets["status"] == ["draft": 1, "submitted": 1])
                    try await other.events.deleteDraft(draft.id, actor: fixture.author.id)
                    #expect(try await counted().events == 1)
                    _ = try await other.events.createAll([fixture.sample(), fixture.sample(), fixture.sample()], actor: "test", source: "test")
                    #expect(try await counted().events == 4)
                    // An older copy of the database put back under the running store: its change number went back.
                    let movedID = moved.id.text
                    try await other.backend.transaction { database in
                        try await database.raw("DELETE FROM events WHERE id = \(bind: movedID)").run()
                        try await database.raw("UPDATE reference_counters SET last_number = 1 WHERE prefix = \(bind: EventChangeLog.counter)").run()
                    }
                    #expect(try await counted().events == 3, "read again in full")
                }
            }
        }
    }
}
