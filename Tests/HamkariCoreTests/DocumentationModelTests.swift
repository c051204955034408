import Foundation
import HamkariCore
import TestSupport
import Testing

@Suite("Documentation: workflow, record policy, validation, vocabularies")
struct DocumentationModelTests {
    static let ownOrganisation = UUIDv7.make()
    static let otherOrganisation = UUIDv7.make()

    static func subject(_ role: Role, organisation: UUID = ownOrganisation) -> AccessPolicy.Subject {
        AccessPolicy.Subject(id: UUIDv7.make(), organisationID: organisation, role: role)
    }

    static func event(by author: AccessPolicy.Subject, status: VerificationStatus = .submitted) -> Event {
        SampleEvents.detention(organisationID: author.organisationID, authorID: author.id, status: status)
    }

    @Test("The workflow runs draft → submitted → under review → verified, by the right people")
    func workflow() throws {
        let author = Self.subject(.documenter)
        let reviewer = Self.subject(.reviewer)
        var event = Self.event(by: author, status: .draft)
        try VerificationWorkflow.check(author, moving: event, to: .submitted, reason: "")
        event.status = .submitted
        try VerificationWorkflow.check(reviewer, moving: event, to: .underReview, reason: "")
        event.status = .underReview
        try VerificationWorkflow.check(reviewer, moving: event, to: .verified, reason: "")
        #expect(VerificationWorkflow.nextSteps(from: .underReview) == [.draft, .verified, .unverified, .discredited])
    }

    @Test("Refusals: reviewing one's own record, a documenter reviewing, a skipped step, no reason, another organisation submitting")
    func refusals() {
        let author = Self.subject(.reviewer)
        let event = Self.event(by: author, status: .underReview)
        #expect(throws: VerificationWorkflow.Refusal.ownRecord) { try VerificationWorkflow.check(author, moving: event, to: .verified, reason: "") }
        #expect(throws: VerificationWorkflow.Refusal.notAReviewer) {
            try VerificationWorkflow.check(Self.subject(.documenter), moving: event, to: .verified, reason: "")
        }
        #expect(throws: VerificationWorkflow.Refusal.notAStep(from: .underReview, to: .submitted)) {
            try VerificationWorkflow.check(Self.subject(.reviewer), moving: event, to: .submitted, reason: "")
        }
        #expect(throws: VerificationWorkflow.Refusal.reasonRequired) {
            try VerificationWorkflow.check(Self.subject(.reviewer), moving: event, to: .discredited, reason: "  ")
        }
        let draft = Self.event(by: author, status: .draft)
        #expect(throws: VerificationWorkflow.Refusal.notTheOwner) {
            try VerificationWorkflow.check(Self.subject(.documenter, organisation: Self.otherOrganisation), moving: draft, to: .submitted, reason: "")
        }
    }

    @Test("Who sees an event: owner, network, restricted, protection, partners, defenders", arguments: Role.allCases)
    func visibility(role: Role) {
        let author = Self.subject(.documenter, organisation: Self.otherOrganisation)
        func facts(_ confidentiality: Confidentiality, _ status: VerificationStatus = .submitted, shared: [UUID] = []) -> EventVisibility.Facts {
            EventVisibility.Facts(organisationID: Self.otherOrganisation, authorID: author.id, status: status,
                                  confidentiality: confidentiality, sharedWith: shared)
        }
        let viewer = EventVisibility(Self.subject(role))
        let member = role != .defender && role != .partner
        #expect(viewer.allows(facts(.network)) == member)
        #expect(viewer.allows(facts(.public)) == (role != .defender))
        #expect(!viewer.allows(facts(.public, .draft)), "another organisation's draft")
        #expect(!viewer.allows(facts(.organisations)), "restricted to another organisation")
        #expect(viewer.allows(facts(.organisations, shared: [Self.ownOrganisation])) == member)
        #expect(viewer.allows(facts(.protection)) == (role == .protectionOfficer))
        let own = EventVisibility.Facts(organisationID: Self.ownOrganisation, authorID: author.id, status: .draft,
                                        confidentiality: .organisations, sharedWith: [])
        #expect(viewer.allows(own) == member, "own organisation's restricted draft")
    }

    @Test("Validation names each wrong field")
    func validation() {
        let author = Self.subject(.documenter)
        var event = Self.event(by: author)
        let validator = EventValidator(vocabulary: .builtIn, places: ["AF18": "AF", "AF1801": "AF18", "AF19": "AF"],
                                       organisations: [Self.ownOrganisation])
        #expect(validator.issues(in: event).isEmpty)
        event.title = " "
        event.districtPcode = "AF1801"
        event.provincePcode = "AF19"
        event.acts[0].type = "killin"
        event.acts[1].victim = .group(GroupCount())
        event.acts[0].involvements[0].perpetratorType = "aliens"
        event.sources[0].credibility = 9
        event.people[0].roles = []
        event.coordinates = Coordinates(latitude: 120, longitude: 0)
        event.acts.append(Act(type: "killing", victim: .person(UUIDv7.make())))
        let fields = Set(validator.issues(in: event).map(\.field))
        #expect(fields == ["title", "district", "acts[0].type", "acts[1].victim", "acts[0].involvements[0].perpetratorType",
                           "sources[0].credibility", "people[0].roles", "coordinates", "acts[2].victim"])
    }

    @Test("Length limits count characters, not bytes: a Dari title of 300 letters passes, 301 does not")
    func lengthLimits() {
        var event = Self.event(by: Self.subject(.documenter))
        let validator = EventValidator(vocabulary: .builtIn, places: ["AF18": "AF", "AF1801": "AF18"], organisations: [Self.ownOrganisation])
        event.title = String(repeating: "ت", count: EventValidator.maximumTitleLength)
        event.description = String(repeating: "ښ", count: EventValidator.maximumTextLength)
        #expect(validator.issues(in: event).isEmpty, "600 bytes of title and 100,000 of description are within the limits in letters")
        event.title += "ت"
        event.acts[0].notes = String(repeating: "n", count: EventValidator.maximumTextLength + 1)
        #expect(Set(validator.issues(in: event).map(\.field)) == ["title", "acts[0].notes"])
    }

    @Test("Only those who document, in the owning organisation, edit a record still open")
    func editing() {
        let author = Self.subject(.documenter)
        let facts = EventVisibility.Facts(Self.event(by: author))
        #expect(AccessPolicy.mayEdit(Self.subject(.documenter), facts).isAllowed)
        #expect(!AccessPolicy.mayEdit(Self.subject(.analyst), facts).isAllowed)
        #expect(!AccessPolicy.mayEdit(Self.subject(.documenter, organisation: Self.otherOrganisation), facts).isAllowed)
        var verified = facts
        verified.status = .verified
        #expect(!AccessPolicy.mayEdit(author, verified).isAllowed)
    }

    @Test("Vocabularies: every built-in term has all four languages; terms resolve from a label in any of them")
    func vocabulary() {
        for term in Vocabulary.builtIn.terms {
            #expect([term.labels.dari, term.labels.pashto, term.labels.uzbek].allSatisfy { !($0 ?? "").isEmpty }, "\(term.code)")
        }
        #expect(Vocabulary.builtIn.resolve(.actType, "قتل") == "killing")
        #expect(Vocabulary.builtIn.resolve(.actType, "Arbitrary arrest or detention") == "arbitrary_detention")
        #expect(Vocabulary.builtIn.resolve(.actType, "torture") == "torture")
        #expect(Vocabulary.builtIn.resolve(.actType, "nonsense") == nil)
        #expect(Vocabulary.builtIn.resolve(.actType, "  ARBITRARY arrest or DETENTION\t") == "arbitrary_detention")
        #expect(Vocabulary.builtIn.resolve(.perpetratorType, "Non-state armed group") == "non_state_armed_group")
        // A label resolves in its own list only.
        #expect(Vocabulary.builtIn.resolve(.actType, "Non-state armed group") == nil)
        #expect(Vocabulary.builtIn.resolve(.actType, "non_state_armed_group") == nil)
        #expect(Vocabulary.builtIn.term(.actType, "child_recruitment")?.articles.contains("CRC 38") == true)
    }

    @Test("The changes an edit made are named, never their values")
    func changes() {
        let author = Self.subject(.documenter)
        let before = Self.event(by: author)
        var after = before
        after.description = "new narrative"
        after.acts.removeLast()
        #expect(EventChanges.fields(from: before, to: after) == ["description", "acts"])
    }

    @Test("References count per province and Solar Hijri year")
    func references() throws {
        let date = try EventDate.parse("2026-06-02", calendar: .gregorian)
        #expect(EventReference.prefix(provincePcode: "AF18", date: date, recordedAt: Date()) == "TAK-1405")
        #expect(EventReference.prefix(provincePcode: "AF1901", date: nil, recordedAt: date.first.date!) == "KDZ-1405")
        #expect(EventReference.make(prefix: "TAK-1405", number: 42) == "TAK-1405-0042")
        var generator = SystemRandomNumberGenerator()
        #expect(PseudonymousCode.make(using: &generator).wholeMatch(of: /P-[2-9A-HJKMNP-Z]{6}/) != nil)
    }

    @Test("Prefixes made for many events, each day's year found once, are the prefixes made one by one; a day with no Solar Hijri form takes the year it was recorded")
    func referencesRemembered() throws {
        let recorded = try #require(CalendarDay(calendar: .gregorian, year: 2026, month: 12, day: 7).date)
        let days = try ["2021-03-20", "2021-03-21", "2026-06-02", "2021-03-20", "1405-01-01", "2026-06-02"].enumerated().map { index, text in
            try EventDate.parse(text, calendar: index == 4 ? .solarHijri : .gregorian)
        }
        let noSuchDay = EventDate(precision: .day, calendar: .gregorian, first: CalendarDay(calendar: .gregorian, year: 2026, month: 2, day: 30),
                                  last: CalendarDay(calendar: .gregorian, year: 2026, month: 2, day: 30))
        var years = EventReference.SolarHijriYears()
        for (pcode, date) in zip(["AF18", "AF1901", nil, "AF17", "AF09", "AF18", "AF18"], days.map(Optional.some) + [noSuchDay]) {
            let alone = EventReference.prefix(provincePcode: pcode, date: date, recordedAt: recorded)
            #expect(EventReference.prefix(provincePcode: pcode, date: date, recordedAt: recorded, years: &years) == alone)
        }
        #expect(EventReference.prefix(provincePcode: "AF18", date: days[0], recordedAt: recorded, years: &years) == "TAK-1399")
        #expect(EventReference.prefix(provincePcode: "AF18", date: days[1], recordedAt: recorded, years: &years) == "TAK-1400")
        #expect(EventReference.prefix(provincePcode: "AF18", date: noSuchDay, recordedAt: recorded, years: &years) == "TAK-1405")
    }

    @Test("A person's code takes one draw, and every symbol of the alphabet comes at every place")
    func pseudonymousCodes() {
        struct CountingGenerator: RandomNumberGenerator {
            var inner = SeededGenerator(seed: 1405)
            var draws = 0
            mutating func next() -> UInt64 {
                draws += 1
                return inner.next()
            }
        }
        var generator = CountingGenerator()
        let codes = (0..<5_000).map { _ in PseudonymousCode.make(using: &generator) }
        #expect(generator.draws < 5_050, "about one draw a code (a draw is rarely refused to keep the codes uniform)")
        #expect(codes.allSatisfy { $0.wholeMatch(of: /P-[2-9A-HJKMNP-Z]{6}/) != nil && PseudonymousCode.isValid($0) })
        for place in 2..<8 {
            #expect(Set(codes.map { Array($0)[place] }).count == 31, "place \(place)")
        }
        #expect(Set(codes).count > 4_990, "31⁶ codes: repeats among 5,000 are rare")
    }
}
