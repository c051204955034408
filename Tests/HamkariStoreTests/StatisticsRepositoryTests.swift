import Foundation
import HamkariCore
@testable import HamkariStore
import TestSupport
import Testing

@Suite("Dashboard figures equal counts made here, record by record")
struct StatisticsRepositoryTests {
    /// The figures worked out in Swift from the events themselves, for one reader.
    struct Expected {
        var months: [String: Int] = [:]
        var actTypes: [String: Int] = [:]
        var perpetratorTypes: [String: Int] = [:]
        var districts: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        var victims = Array(repeating: Array(repeating: 0, count: 3), count: 3)
        var undated = 0

        init(_ events: [Event], visible: (Event) -> Bool) {
            for event in events where visible(event) {
                if let first = event.date?.firstISO, let day = CalendarDay(iso: first)?.converted(to: .solarHijri) {
                    months[String(format: "%04d-%02d", day.year, day.month), default: 0] += 1
                } else {
                    undated += 1
                }
                for type in Set(event.acts.map(\.type)) { actTypes[type, default: 0] += 1 }
                for type in Set(event.acts.flatMap { $0.involvements.map(\.perpetratorType) }) { perpetratorTypes[type, default: 0] += 1 }
                districts[event.districtPcode ?? "", default: 0] += 1
                statuses[event.status.rawValue, default: 0] += 1
                let victimIDs = Set(event.acts.compactMap { act -> UUID? in if case let .person(id) = act.victim { id } else { nil } })
                for person in event.people where victimIDs.contains(person.id) {
                    let sex = ["female", "male", "unknown"].firstIndex(of: person.sex.rawValue)!
                    victims[sex][person.ageGroup == .unknown ? 2 : person.ageGroup.isChild ? 0 : 1] += 1
                }
                let groups = event.acts.compactMap { act -> GroupCount? in if case let .group(count) = act.victim { count } else { nil } }
                victims[0][1] += groups.map(\.women).max() ?? 0
                victims[0][0] += groups.map(\.girls).max() ?? 0
                victims[1][1] += groups.map(\.men).max() ?? 0
                victims[1][0] += groups.map(\.boys).max() ?? 0
                victims[2][2] += groups.map(\.unknown).max() ?? 0
            }
        }
    }

    static func pairs(_ table: CountTable) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: table.rows.enumerated().map { ($0.element, table.counts[$0.offset][0]) }.filter { $0.1 > 0 })
    }

    func check(_ figures: DashboardFigures, _ expected: Expected) {
        #expect(Self.pairs(figures.byMonth) == expected.months)
        #expect(Self.pairs(figures.byActType) == expected.actTypes)
        #expect(Self.pairs(figures.byPerpetratorType) == expected.perpetratorTypes)
        #expect(Self.pairs(figures.byDistrict) == expected.districts)
        #expect(Self.pairs(figures.byStatus) == expected.statuses)
        #expect(figures.victims.counts == expected.victims)
        #expect(figures.undated == expected.undated)
    }

    @Test("For a member, a partner and for publication; verified only or every status; filtered by province", arguments: TestDatabase.all)
    func independentCounts(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let generated = DemoEvents(organisations: [fixture.own.id, fixture.other.id], authorID: UUIDv7.make())
                .events(in: 0..<240, seed: 11, now: Date(timeIntervalSince1970: 1_780_000_000))
            let events = try await store.events.createAll(generated, actor: "test", source: "test")
            let member = fixture.subject(.documenter), partner = fixture.subject(.partner, of: fixture.other)
            func figures(_ subject: AccessPolicy.Subject, status: VerificationStatus? = .verified, province: String? = nil,
                         publication: Bool = false) async throws -> DashboardFigures {
                try await store.statistics.figures(StatisticsRepository.Scope(
                    query: EventQuery(provincePcode: province, status: status), visibility: EventVisibility(subject), publicationOnly: publication,
                    includesCases: false, calendar: .solarHijri))
            }
            let memberSees = { (event: Event) in EventVisibility(member).allows(EventVisibility.Facts(event)) }
            let partnerSees = { (event: Event) in EventVisibility(partner).allows(EventVisibility.Facts(event)) }
            check(try await figures(member), Expected(events) { memberSees($0) && $0.status == .verified })
            check(try await figures(member, status: nil), Expected(events, visible: memberSees))
            check(try await figures(partner), Expected(events) { partnerSees($0) && $0.status == .verified })
            check(try await figures(member, province: "AF18"), Expected(events) { memberSees($0) && $0.status == .verified && $0.provincePcode == "AF18" })
            let publishable = { (event: Event) in
                memberSees(event) && event.status == .verified && !event.sources.isEmpty && event.sources.allSatisfy { $0.consent == .public }
            }
            check(try await figures(member, publication: true), Expected(events, visible: publishable))
            #expect(events.contains(where: publishable) && events.contains { memberSees($0) && $0.status == .verified && !publishable($0) },
                    "the sample has events of both kinds")
            let nobody = AccessPolicy.Subject(id: UUIDv7.make(), organisationID: fixture.own.id, role: .defender)
            #expect(try await figures(nobody, status: nil).byMonth.total == 0, "a defender's account counts no event")
        }
    }

    @Test("Protection cases by the month opened and closed; awareness participants by province", arguments: TestDatabase.all)
    func casesAndAwareness(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let defender = DefenderProfile(identity: DefenderIdentity(name: "Farzana Noori"))
            try await store.defenders.create(defender, actor: "test")
            _ = try await store.protection.openCase(ProtectionCase(defenderID: defender.id, origin: .officer), actor: "test")
            try await store.meetings.create(Meeting(kind: .awarenessSession, organisationID: fixture.own.id, authorID: fixture.author.id, title: "s",
                                                    day: CalendarDay(Date(), in: .gregorian), provincePcode: "AF18", districtPcode: "AF1801",
                                                    attendance: GroupCount(men: 2, women: 7)), actor: "test")
            let scope = { (cases: Bool) in
                StatisticsRepository.Scope(query: EventQuery(), visibility: EventVisibility(fixture.subject(.coordinator)), publicationOnly: false,
                                           includesCases: cases, calendar: .gregorian)
            }
            let withCases = try await store.statistics.figures(scope(true))
            #expect(withCases.cases.columnTotals == [1, 0])
            #expect(withCases.cases.rows == [MonthBuckets.Month(year: CalendarDay(Date(), in: .gregorian).year,
                                                                month: CalendarDay(Date(), in: .gregorian).month).key])
            #expect(try await store.statistics.figures(scope(false)).cases.rows.isEmpty, "not counted for those who may not see cases")
            #expect(Self.pairs(withCases.awareness) == ["AF18": 9])
        }
    }
}
