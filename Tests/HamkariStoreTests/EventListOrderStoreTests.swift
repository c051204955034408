import Foundation
import HamkariCore
import HamkariSecurity
@testable import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Lists and searches in list order")
struct EventListOrderStoreTests {
    /// 1,050 events over two districts and many days; every title has بازداشت, every seventh also ښوونځی.
    static func events(_ fixture: DocumentationFixture) -> [Event] {
        (0..<1050).map { index in
            var event = fixture.sample(title: index % 7 == 0 ? "بازداشت ښوونځی \(index)" : "بازداشت \(index)")
            event.date = EventDate.day(CalendarDay(calendar: .gregorian, year: 2020 + index % 5, month: 1 + index % 12, day: 1 + index % 28))
            if index % 50 == 0 { event.date = nil }
            event.districtPcode = index % 3 == 0 ? "AF1802" : "AF1801"
            return event
        }
    }

    /// The list order computed here, independently: newest first day first, then the later recorded, undated last.
    static func expectedOrder(_ stored: [Event]) -> [UUID] {
        stored.enumerated().sorted { left, right in
            let (a, b) = (left.element.date?.firstISO ?? "", right.element.date?.firstISO ?? "")
            return a != b ? a > b : left.offset > right.offset
        }.map(\.element.id)
    }

    @Test("Pages come newest first; totals are exact to 1,000 (or the page asked for) and marked when more match", arguments: TestDatabase.all)
    func pagesAndTotals(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let stored = try await store.events.createAll(Self.events(fixture), actor: "test", source: "test")
            let expected = Self.expectedOrder(stored)
            let reader = EventVisibility(fixture.subject(.documenter))

            let first = try await store.events.search(EventQuery(limit: 50), visibility: reader)
            #expect(first.events.map(\.id) == Array(expected.prefix(50)))
            #expect(first.total == 1000 && !first.totalIsExact)
            let last = try await store.events.search(EventQuery(limit: 50, offset: 1000), visibility: reader)
            #expect(last.events.map(\.id) == Array(expected[1000...]))
            #expect(last.total == 1050 && last.totalIsExact, "a page beyond a thousand is counted to its end")
            #expect(try await store.events.count(EventQuery(), visibility: reader) == 1050)
            #expect(try await store.events.search(EventQuery(), visibility: EventVisibility(fixture.subject(.documenter, of: fixture.other))).total == 0,
                    "another organisation sees none of these drafts")
        }
    }

    @Test("A word search finds the same events in list order, whether its postings or a district lead", arguments: TestDatabase.all)
    func wordSearches(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let stored = try await store.events.createAll(Self.events(fixture), actor: "test", source: "test")
            let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
            let expected = Self.expectedOrder(stored)
            let reader = EventVisibility(fixture.subject(.documenter))

            let rare = expected.filter { byID[$0]!.title.contains("ښوونځی") }
            let rarePage = try await store.events.search(EventQuery(text: "ښوونځي", limit: 500), visibility: reader)
            #expect(rarePage.events.map(\.id) == rare, "found in the Arabic-yeh spelling too")
            #expect(rarePage.total == rare.count && rarePage.totalIsExact)

            let common = try await store.events.search(EventQuery(text: "بازداشت", limit: 40, offset: 960), visibility: reader)
            #expect(common.events.map(\.id) == Array(expected[960..<1000]))
            #expect(common.total == 1000 && !common.totalIsExact)

            let inDistrict = expected.filter { byID[$0]!.districtPcode == "AF1802" && byID[$0]!.title.contains("ښوونځی") }
            let districtPage = try await store.events.search(EventQuery(text: "ښوونځی", districtPcode: "AF1802", limit: 500), visibility: reader)
            #expect(districtPage.events.map(\.id) == inDistrict)
            #expect(try await store.events.count(EventQuery(text: "ښوونځی"), visibility: reader) == rare.count)
            #expect(try await store.events.search(EventQuery(text: "بازداشت"), visibility: EventVisibility(fixture.subject(.documenter, of: fixture.other)))
                .events.isEmpty, "the policy holds when the postings lead")
        }
    }

    @Test("An edit that changes the date moves the event and keeps it findable; a deleted draft is found no more", arguments: TestDatabase.all)
    func movingAndDeleting(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let stored = try await store.events.createAll(Array(Self.events(fixture).prefix(30)), actor: "test", source: "test")
            let reader = EventVisibility(fixture.subject(.documenter))
            let oldest = try #require(Self.expectedOrder(stored).last)
            var edit = try #require(try await store.events.find(id: oldest))
            edit.date = EventDate.day(CalendarDay(calendar: .gregorian, year: 2030, month: 1, day: 1))
            try await store.events.update(edit, actor: fixture.author.id)
            #expect(try await store.events.search(EventQuery(limit: 1), visibility: reader).events.first?.id == oldest)
            #expect(try await store.events.search(EventQuery(text: "بازداشت", limit: 1), visibility: reader).events.first?.id == oldest)
            #expect(try await ConsistencyCheck(store: store).problems().isEmpty)

            try await store.events.deleteDraft(oldest, actor: fixture.author.id)
            let remaining = try await store.events.search(EventQuery(text: "بازداشت", limit: 100), visibility: reader)
            #expect(remaining.total == 29 && !remaining.events.contains { $0.id == oldest })
            #expect(try await ConsistencyCheck(store: store).problems().isEmpty)
        }
    }

    @Test("A database from before order keys gets them, and its full-text rows rebuilt at the next unlocked opening", arguments: TestDatabase.all)
    func upgrade(database: TestDatabase) async throws {
        try await database.withLocation { location async throws in
            let keys = InstanceKeys.generate()
            let backend = try await Store.openBackend(location, create: true, logger: TestDatabase.logger)
            try await Migrator(backend: backend, migrations: Migrations.all.filter { $0.version < 8 }, logger: TestDatabase.logger).migrate()
            let old = Store(backend: backend, keys: keys)
            let organisation = Organisation(names: LocalizedNames(english: "Taloqan Monitors"), kind: .ngo)
            try await old.organisations.create(organisation)
            let titles = ["بازداشت معلم", "تهدید خبرنگار", "بازداشت خبرنگار"]
            let days = ["2024-05-01", "2025-01-10", nil]
            let ids = try await backend.transaction { db async throws in
                var ids: [String] = []
                for (index, title) in titles.enumerated() {
                    ids.append(try await Self.insertOldEvent(title: title, day: days[index], number: index + 1, organisation: organisation.id,
                                                             keys: keys, dialect: backend.dialect, in: db))
                }
                try await db.raw("INSERT INTO reference_counters (prefix, last_number) VALUES ('TAK-1405', 3)").run()
                return ids
            }
            await backend.shutdown()

            let store = try await Store.open(location, keys: keys, create: false, logger: TestDatabase.logger)
            try await store.closing { store async throws in
                let reader = EventVisibility(AccessPolicy.Subject(id: UUIDv7.make(), organisationID: organisation.id, role: .documenter))
                #expect(try await store.events.search(EventQuery(), visibility: reader).events.map(\.id.text) == [ids[1], ids[0], ids[2]])
                #expect(try await store.events.search(EventQuery(text: "بازداشت"), visibility: reader).events.map(\.id.text) == [ids[0], ids[2]])
                #expect(try await store.settings.value(.searchIndexRebuild) == nil)
                #expect(try await ConsistencyCheck(store: store).problems().isEmpty)
                if backend.dialect == .sqlite {
                    #expect(try await store.audit.recent(limit: 5).contains { $0.action == AuditAction.searchIndexRebuilt.rawValue })
                }
                let next = try await store.events.create(SampleEvents.detention(organisationID: organisation.id, authorID: UUIDv7.make()), actor: UUIDv7.make())
                #expect(try await store.events.search(EventQuery(text: "بازداشت"), visibility: reader).events.contains { $0.id == next.id })
            }
        }
    }

    /// An event as Hamkari 0.7 wrote it: its row without an order key, and its full-text row keyed apart.
    static func insertOldEvent(
        title: String, day: String?, number: Int, organisation: UUID, keys: InstanceKeys, dialect: DatabaseDialect, in db: any SQLDatabase
    ) async throws -> String {
        let id = UUIDv7.make().text
        let content = EventRecordWriter.Content(title: title, description: "", village: nil, coordinates: nil)
        let sealed = try Sealing(keys: keys, table: "events").seal(json: content, id: id, field: "content_sealed")
        try await db.raw("""
            INSERT INTO events (id, reference, organisation_id, author_id, status, confidentiality, date_first, date_last, date_precision,
            date_calendar, content_sealed, created_at, updated_at, revision) VALUES (\(bind: id), \(bind: "TAK-1405-000\(number)"),
            \(bind: organisation.text), \(bind: UUIDv7.make().text), 'submitted', 'network', \(bind: day), \(bind: day),
            \(bind: day == nil ? nil : "day"), \(bind: day == nil ? nil : "gregorian"), \(bind: sealed), 0, 0, 1)
            """).run()
        try await db.raw("""
            INSERT INTO event_history (id, event_id, revision, actor, time, change, fields) VALUES
            (\(bind: UUIDv7.make().text), \(bind: id), 1, 'test', 0, 'created', '')
            """).run()
        let tokens = keys.searchTokens.tokens(for: title)
        switch dialect {
        case .sqlite:
            try await db.raw("INSERT INTO event_search_keys (key, event_id) VALUES (\(bind: 100 + number), \(bind: id))").run()
            try await db.raw("INSERT INTO event_search (rowid, tokens) VALUES (\(bind: 100 + number), \(bind: tokens.joined(separator: " ")))").run()
        case .postgres:
            try await db.raw("INSERT INTO event_search (event_id, tokens) VALUES (\(bind: id), array_to_tsvector(\(bind: tokens)::text[]))").run()
        }
        return id
    }
}
