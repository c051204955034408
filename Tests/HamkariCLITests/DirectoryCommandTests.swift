import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariCore
import HamkariStore
import TestSupport
import Testing

@Suite("Command line: the member directory")
struct DirectoryCommandTests {
    @Test("organisation create and list, network create and join; bad input stores nothing", arguments: TestDatabase.all)
    func directory(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            do {
                try await runHamkari(["organisation", "create", "--name-en", "Taloqan Lawyers", "--kind", "club", "--areas", "AF18,AF99"] + instance.unlocked)
                Issue.record("a bad kind and an unknown area should be refused")
            } catch {
                #expect("\(error)".contains("kind: Choose a kind of organisation from the list."))
                #expect("\(error)".contains("areas: Give provinces or districts from the gazetteer."))
            }
            #expect(try await instance.withStore { try await $0.organisations.count() } == 0)
            try await runHamkari(["organisation", "create", "--name-en", "Taloqan Lawyers", "--name-fa", "وکلای تالقان", "--kind", "lawyers_association",
                                  "--district", "AF1801", "--areas", "AF18", "--themes", "legal_aid,womens_rights"] + instance.unlocked)
            try await runHamkari(["network", "create", "--name-en", "Takhar Network", "--region", "AF18"] + instance.unlocked)
            try await runHamkari(["network", "join", "--network", "Takhar Network", "--organisation", "Taloqan Lawyers", "--since", "1405-01-01"]
                                 + instance.unlocked)
            let profile = try #require(try await instance.withStore { try await $0.directory.directory(district: "AF1805", theme: .legalAid) }.first)
            #expect(profile.organisation.names.dari == "وکلای تالقان" && profile.organisation.provincePcode == "AF18")
            #expect(profile.memberships.first?.status == .member && profile.memberships.first?.since?.numeric == "2026-03-21")
            await #expect(throws: (any Error).self) {
                try await runHamkari(["network", "join", "--network", "Nowhere", "--organisation", "Taloqan Lawyers"] + instance.unlocked)
            }
            await #expect(throws: (any Error).self) {
                try await runHamkari(["organisation", "list", "--theme", "poetry"] + instance.unlocked)
            }
        }
    }
}

@Suite("Command line: meetings, awareness, digest")
struct MeetingCommandTests {
    @Test("meeting list, awareness report and digest work on a store with a session and an overdue action point", arguments: TestDatabase.all)
    func meetings(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            try await runHamkari(["organisation", "create", "--name-en", "Taloqan Lawyers", "--district", "AF1801", "--areas", "AF18"] + instance.unlocked)
            try await instance.withStore { store async throws in
                let organisation = try #require(try await store.organisations.all().first)
                let meeting = Meeting(kind: .awarenessSession, organisationID: organisation.id, authorID: UUIDv7.make(), title: "Session",
                                      day: CalendarDay(iso: "2026-05-05")!, provincePcode: "AF18", districtPcode: "AF1801",
                                      attendance: GroupCount(women: 12))
                try await store.meetings.create(meeting, actor: "test")
                try await store.meetings.addActionPoint(ActionPoint(meetingID: meeting.id, ownerOrganisationID: organisation.id, description: "Report",
                                                                    due: CalendarDay(iso: "2020-01-01")!), actor: "test")
            }
            try await runHamkari(["meeting", "list", "--kind", "awareness_session"] + instance.unlocked)
            try await runHamkari(["awareness", "report", "--from", "1405", "--to", "1405", "--province", "AF18"] + instance.unlocked)
            try await runHamkari(["meeting", "digest", "--dry-run"] + instance.unlocked)
            await #expect(throws: (any Error).self) { try await runHamkari(["meeting", "list", "--kind", "party"] + instance.unlocked) }
            await #expect(throws: (any Error).self) {
                try await runHamkari(["awareness", "report", "--from", "someday", "--to", "1405"] + instance.unlocked)
            }
            #expect(try await instance.withStore { try await $0.settings.value(.digestSentAt) } != nil)
        }
    }
}

@Suite("Command line: announcements, referrals, service issues")
struct CoordinationCommandTests {
    @Test("announcement publish and list, referral list, service-issue list; bad input publishes nothing", arguments: TestDatabase.all)
    func coordination(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            try await runHamkari(["organisation", "create", "--name-en", "Taloqan Lawyers", "--district", "AF1801", "--areas", "AF18",
                                  "--themes", "legal_aid"] + instance.unlocked)
            try await runHamkari(["organisation", "create", "--name-en", "Kunduz Shelter", "--district", "AF1901", "--areas", "AF19"] + instance.unlocked)
            try await runHamkari(["user", "create", "--login", "coord", "--role", "coordinator", "--organisation", "Taloqan Lawyers"] + instance.unlocked)
            do {
                try await runHamkari(["announcement", "publish", "--by", "coord", "--title", "Alert", "--districts", "AF9999"] + instance.unlocked)
                Issue.record("an unknown district should be refused")
            } catch {
                #expect("\(error)".contains("districts:") && "\(error)".contains("Nothing was stored."))
            }
            await #expect(throws: (any Error).self) {
                try await runHamkari(["announcement", "publish", "--by", "nobody", "--title", "Alert"] + instance.unlocked)
            }
            #expect(try await instance.withStore { try await $0.announcements.all() }.isEmpty)
            let published = try await runHamkariCapturing(["announcement", "publish", "--by", "coord", "--title", "Road closed near Taloqan",
                                                           "--districts", "AF1801"] + instance.unlocked)
            #expect(published.first?.contains("to 1 organisations; 0 e-mails queued") == true, "\(published)")
            let announcements = try await runHamkariCapturing(["announcement", "list"] + instance.unlocked)
            #expect(announcements.count == 1 && announcements[0].hasSuffix("AF1801\tall\t0\tRoad closed near Taloqan"), "\(announcements)")

            try await instance.withStore { store async throws in
                let organisations = try await store.organisations.all()
                let (kunduz, taloqan) = (organisations[0], organisations[1])
                try await store.referrals.create(Referral(personCode: "P-ABC234", fromOrganisationID: taloqan.id, toOrganisationID: kunduz.id,
                                                          service: .shelter, consentOn: CalendarDay(iso: "2026-06-01")!, reason: "secret reason"),
                                                 actor: "test")
                for (service, status) in [(ServiceIssue.Service.water, ServiceIssue.Status.raised), (.health, .resolved)] {
                    try await store.serviceIssues.create(ServiceIssue(organisationID: taloqan.id, authorID: UUIDv7.make(), service: service,
                                                                      community: "Bazaar", districtPcode: "AF1801", description: "x",
                                                                      raisedOn: CalendarDay(iso: "2026-05-01")!, authority: "Municipality",
                                                                      status: status), actor: "test")
                }
            }
            let referrals = try await runHamkariCapturing(["referral", "list", "--status", "sent"] + instance.unlocked)
            #expect(referrals.count == 1 && referrals[0].contains("P-ABC234\tshelter\tsent\tTaloqan Lawyers\tKunduz Shelter"), "\(referrals)")
            #expect(!referrals[0].contains("secret reason"), "the list names no reason")
            #expect(try await runHamkariCapturing(["referral", "list", "--status", "completed"] + instance.unlocked).isEmpty)
            await #expect(throws: (any Error).self) { try await runHamkari(["referral", "list", "--status", "lost"] + instance.unlocked) }
            let open = try await runHamkariCapturing(["service-issue", "list", "--open", "--district", "AF1801"] + instance.unlocked)
            #expect(open == ["AF1801\twater\traised\t2026-05-01\tBazaar\tMunicipality"])
            #expect(try await runHamkariCapturing(["service-issue", "list"] + instance.unlocked).count == 2)
            await #expect(throws: (any Error).self) { try await runHamkari(["service-issue", "list", "--service", "magic"] + instance.unlocked) }
        }
    }
}
