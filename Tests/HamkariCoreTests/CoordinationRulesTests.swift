import Foundation
import HamkariCore
import Testing

@Suite("Who an announcement is for, what a referral needs, how a service issue changes")
struct CoordinationRulesTests {
    static let parents = ["AF1801": "AF18", "AF1808": "AF18", "AF1901": "AF19"]

    static func profile(_ areas: [String], _ themes: [Theme]) -> OrganisationProfile {
        OrganisationProfile(organisation: Organisation(names: LocalizedNames(english: "Member"), kind: .ngo), areas: areas, themes: themes)
    }

    @Test("Places and themes narrow an announcement; a province covers its districts both ways; nothing named means everyone")
    func announcementTargets() {
        let farkhar = Announcement(authorID: UUIDv7.make(), title: "Alert", body: "", districts: ["AF1808"])
        #expect(farkhar.isFor(Self.profile(["AF1808"], []), parents: Self.parents))
        #expect(farkhar.isFor(Self.profile(["AF18"], []), parents: Self.parents), "works in the whole province")
        #expect(!farkhar.isFor(Self.profile(["AF1801"], []), parents: Self.parents), "another district of the province")
        let takhar = Announcement(authorID: UUIDv7.make(), title: "Alert", body: "", provinces: ["AF18"], themes: [.legalAid])
        #expect(takhar.isFor(Self.profile(["AF1801"], [.legalAid, .children]), parents: Self.parents), "a district of the province")
        #expect(!takhar.isFor(Self.profile(["AF1801"], [.children]), parents: Self.parents), "place right, theme not")
        #expect(!takhar.isFor(Self.profile(["AF1901"], [.legalAid]), parents: Self.parents), "theme right, place not")
        #expect(Announcement(authorID: UUIDv7.make(), title: "All", body: "").isFor(Self.profile([], []), parents: [:]))
    }

    @Test("A referral needs consent, a code that names no one, another member organisation and a known service")
    func referralRules() throws {
        let from = UUIDv7.make(), to = UUIDv7.make()
        let today = CalendarDay(iso: "2026-06-01")!
        let made = ReferralValidation.referral(ReferralFields(personCode: " p-abc234 ", toOrganisationId: to.uuidString, service: "shelter",
                                                              consent: true), from: from, organisations: [from, to], today: today)
        #expect(made.issues.isEmpty && made.referral?.personCode == "P-ABC234" && made.referral?.consentOn == today)
        for (fields, field) in [
            (ReferralFields(personCode: "Gulalai", toOrganisationId: to.uuidString, service: "shelter", consent: true), "personCode"),
            (ReferralFields(toOrganisationId: from.uuidString, service: "shelter", consent: true), "toOrganisationId"),
            (ReferralFields(toOrganisationId: UUIDv7.make().uuidString, service: "shelter", consent: true), "toOrganisationId"),
            (ReferralFields(toOrganisationId: to.uuidString, service: "banking", consent: true), "service"),
            (ReferralFields(toOrganisationId: to.uuidString, service: "shelter"), "consent"),
        ] {
            let refused = ReferralValidation.referral(fields, from: from, organisations: [from, to], today: today)
            #expect(refused.referral == nil && refused.issues.map(\.field) == [field])
        }
        let referral = try #require(made.referral)
        #expect(ReferralValidation.update(ReferralFields(status: "gone"), of: referral).referral == nil)
        #expect(ReferralValidation.update(ReferralFields(status: "accepted", feedback: " ok "), of: referral).referral?.feedback == "ok")
    }

    @Test("A service issue takes its province from its district; a day that is not one is refused, an absent one left alone")
    func serviceIssueChanges() {
        let units = ["AF18": AdminUnit(pcode: "AF18", level: .province, parentPcode: "AF", nameEnglish: "Takhar", validFrom: "2020-01-01", source: "t"),
                     "AF1801": AdminUnit(pcode: "AF1801", level: .district, parentPcode: "AF18", nameEnglish: "Taloqan", validFrom: "2020-01-01", source: "t")]
        let original = ServiceIssue(organisationID: UUIDv7.make(), authorID: UUIDv7.make(), service: .water, community: "Bazaar", districtPcode: "AF1801",
                                    description: "No water", raisedOn: CalendarDay(iso: "2026-05-01")!, authority: "Municipality")
        let moved = ServiceIssueFields(districtPcode: "AF1801", raisedOn: "1405-02-10", calendar: "solar-hijri")
            .applied(to: original, units: units, meetings: [], calendar: .gregorian)
        #expect(moved.issues.isEmpty && moved.issue.provincePcode == "AF18" && moved.issue.raisedOn == CalendarDay(iso: "2026-04-30"))
        let refused = ServiceIssueFields(raisedOn: "1405-13-40", calendar: "solar-hijri").applied(to: original, units: units, meetings: [], calendar: .gregorian)
        #expect(refused.issues.map(\.field) == ["raisedOn"])
        let untouched = ServiceIssueFields(status: "resolved").applied(to: original, units: units, meetings: [], calendar: .gregorian)
        #expect(untouched.issues.isEmpty && untouched.issue.raisedOn == original.raisedOn && untouched.issue.status == .resolved)
        let followed = ServiceIssueFields(followUpOn: "2026-05-20", followUpMeetingId: UUIDv7.make().uuidString, followUpNote: "met")
            .applied(to: original, units: units, meetings: [], calendar: .gregorian)
        #expect(followed.issues.map(\.field) == ["followUpMeetingId"], "a follow-up names a meeting that exists")
    }

    @Test("The demonstration's work names people by code only, in the built-in gazetteer's places, with one action point overdue")
    func demonstration() {
        let members = DemoNetwork.organisations.map(\.id)
        let now = Date()
        let work = DemoCoordination(members: members, authorID: UUIDv7.make(), now: now)
        let places = Set(BuiltInGazetteer.all.map(\.pcode))
        #expect(PseudonymousCode.isValid(work.referral.personCode) && work.referral.fromOrganisationID != work.referral.toOrganisationID)
        #expect((work.meetings.compactMap(\.districtPcode) + work.announcement.districts + [work.serviceIssue.districtPcode ?? ""]).allSatisfy(places.contains))
        let today = CalendarDay(now, in: .gregorian)
        #expect(work.actionPoints.filter { $0.isOverdue(on: today) }.count == 1)
        #expect(work.actionPoints.allSatisfy { point in work.meetings.contains { $0.id == point.meetingID } })
    }
}
