import Foundation
import HamkariCore
import Testing

@Suite("Dashboard counts over events' facts in memory")
struct EventFactsCountingTests {
    static let own = UUID(), other = UUID(), author = UUID()

    static func snapshot() -> EventFactsSnapshot {
        var keys = FactKeys()
        func event(_ organisation: UUID, _ status: VerificationStatus, _ confidentiality: Confidentiality, day: String?, act: String,
                   victims: [EventFacts.NamedVictim] = [], groups: GroupCount = GroupCount(), sourcesAllPublic: Bool = false) -> EventFacts {
            EventFacts(id: UUID(), access: EventVisibility.Facts(organisationID: organisation, authorID: UUID(), status: status,
                                                                 confidentiality: confidentiality, sharedWith: []),
                       province: keys.code("AF18"), district: keys.code(organisation == own ? "AF1801" : "AF1802"),
                       firstDay: EventFacts.day(day) ?? 0, lastDay: EventFacts.day(day) ?? 0, actTypes: [keys.code(act)],
                       perpetratorTypes: [keys.code("armed_group")], namedVictims: victims, groups: groups, sourcesAllPublic: sourcesAllPublic)
        }
        let facts = [
            event(own, .verified, .network, day: "2025-03-01", act: "killing", victims: [.init(sex: .female, ageGroup: .child)],
                  sourcesAllPublic: true),
            event(other, .verified, .network, day: "2025-03-09", act: "arbitrary_detention", groups: GroupCount(men: 3, girls: 2)),
            event(other, .draft, .network, day: "2025-04-01", act: "killing"),
            event(other, .verified, .protection, day: nil, act: "threat", victims: [.init(sex: .male, ageGroup: .adult)]),
        ]
        return EventFactsSnapshot(facts: facts, keys: keys)
    }

    static func member(_ role: Role = .documenter) -> EventVisibility {
        EventVisibility(AccessPolicy.Subject(id: author, organisationID: own, role: role))
    }

    static func keyed(_ pairs: [(key: String, count: Int)]?) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (pairs ?? []).map { ($0.key, $0.count) })
    }

    @Test("Only what the reader may see is counted: another organisation's draft and the protection compartment are not")
    func policy() throws {
        let counts = try #require(Self.snapshot().count(EventQuery(), visibility: Self.member(), publicationOnly: false))
        #expect(Self.keyed(counts.facets[.actType]) == ["killing": 1, "arbitrary_detention": 1])
        #expect(Self.keyed(counts.facets[.district]) == ["AF1801": 1, "AF1802": 1])
        #expect(Self.keyed(counts.days) == ["2025-03-01": 1, "2025-03-09": 1])
        #expect(counts.people.map { "\($0.sex) \($0.age) \($0.count)" } == ["female 0-11 1"])
        #expect(counts.groups == GroupCount(men: 3, girls: 2))
        let officer = try #require(Self.snapshot().count(EventQuery(), visibility: Self.member(.protectionOfficer), publicationOnly: false))
        #expect(Self.keyed(officer.facets[.actType])["threat"] == 1)
        #expect(Self.keyed(officer.days)[""] == 1, "an undated event is counted under no day")
    }

    @Test("Filters: a type, victims' sex and age (named or counted), a period, publication; an unknown place matches nothing")
    func filters() throws {
        let snapshot = Self.snapshot(), member = Self.member()
        func total(_ query: EventQuery, publication: Bool = false) throws -> Int {
            try #require(snapshot.count(query, visibility: member, publicationOnly: publication)).facets[.status]?.reduce(0) { $0 + $1.count } ?? 0
        }
        #expect(try total(EventQuery(actType: "killing")) == 1)
        #expect(try total(EventQuery(victimSex: .female)) == 2, "a named girl and a counted group of girls")
        #expect(try total(EventQuery(victimSex: .male)) == 1)
        #expect(try total(EventQuery(victimAgeGroup: .adolescent)) == 1, "counted children match any age of childhood")
        #expect(try total(EventQuery(from: "2025-03-05", to: "2025-03-31")) == 1)
        #expect(try total(EventQuery(), publication: true) == 1)
        #expect(try total(EventQuery(provincePcode: "AF99")) == 0)
        #expect(try total(EventQuery(organisationID: Self.other)) == 1)
    }

    @Test("Words and days that are not ISO days are left to SQL")
    func unanswerable() {
        #expect(!EventFactsSnapshot.canAnswer(EventQuery(text: "تالقان")))
        #expect(!EventFactsSnapshot.canAnswer(EventQuery(from: "1405-13-99x")))
        #expect(EventFactsSnapshot.canAnswer(EventQuery(text: "  ", from: "2025-01-01")))
        #expect(Self.snapshot().count(EventQuery(text: "killing"), visibility: Self.member(), publicationOnly: false) == nil)
        #expect(EventFacts.day("2025-03-01") == 20250301)
        #expect(EventFacts.day("2025-3-1") == nil)
    }
}
