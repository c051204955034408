import Foundation
import HamkariCore
@testable import HamkariStore
import TestSupport
import Testing

@Suite("Meetings, action points and awareness reach in the store")
struct MeetingRepositoryTests {
    static func session(_ store: Store, organisation: UUID, district: String, province: String, day: String, women: Int, girls: Int,
                        articles: [String] = ["UDHR 26"]) -> Meeting {
        Meeting(kind: .awarenessSession, organisationID: organisation, authorID: UUIDv7.make(), title: "آگاهی‌دهی حق آموزش", day: CalendarDay(iso: day)!,
                provincePcode: province, districtPcode: district, place: "مکتب", attendance: GroupCount(men: 3, women: women, girls: girls),
                agenda: [AgendaItem(title: "حق آموزش", articles: articles.compactMap(ArticleReference.init))])
    }

    @Test("A meeting keeps its parts; its names are sealed and opened only when asked, audited; an edit keeps them", arguments: TestDatabase.all)
    func meetings(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            var meeting = Meeting(kind: .coordinationMeeting, organisationID: fixture.own.id, authorID: fixture.author.id, title: "Coordination on detentions",
                                  day: CalendarDay(iso: "2026-06-01")!, calendar: .solarHijri, provincePcode: "AF18", districtPcode: "AF1801",
                                  place: "Taloqan", organisers: [fixture.own.id], externalOrganisers: ["UNAMA regional office"],
                                  participants: [fixture.other.id], attendance: GroupCount(men: 7, women: 9),
                                  namedParticipants: [NamedParticipant(name: "Shafiqa Noori", organisation: "Taloqan Monitors",
                                                                       consentOn: CalendarDay(iso: "2026-06-01")!)],
                                  agenda: [AgendaItem(title: "Arbitrary detention", articles: [ArticleReference("UDHR 9")!, ArticleReference("ICCPR 9")!])],
                                  outcomes: "A joint letter", decisions: "Meet again in a month")
            try await store.meetings.create(meeting, actor: "test")
            let found = try #require(try await store.meetings.find(id: meeting.id))
            #expect(found.title == meeting.title && found.organisers == [fixture.own.id] && found.participants == [fixture.other.id])
            #expect(found.topics.map(\.description) == ["ICCPR 9", "UDHR 9"] && found.externalOrganisers == ["UNAMA regional office"])
            #expect(found.namedParticipants.isEmpty, "names are not opened with the meeting")
            let before = try await store.audit.count()
            #expect(try await store.meetings.namedParticipants(of: meeting.id, viewer: "reader").map(\.name) == ["Shafiqa Noori"])
            #expect(try await store.audit.count() == before + 1)
            let raw = try await store.backend.read { db in
                try await db.raw("SELECT content_sealed, participants_sealed FROM meetings").first()
            }
            for column in ["content_sealed", "participants_sealed"] {
                let bytes = try #require(try raw?.decode(column: column, as: Data.self))
                #expect(!String(decoding: bytes, as: UTF8.self).contains("Shafiqa") && !String(decoding: bytes, as: UTF8.self).contains("detention"))
            }
            meeting.title = "Coordination on detentions (2)"
            meeting.namedParticipants = []
            try await store.meetings.update(meeting, replacingParticipants: false, actor: "test")
            #expect(try await store.meetings.namedParticipants(of: meeting.id, viewer: "reader").count == 1, "kept")
            #expect(try await store.meetings.list(kind: .coordinationMeeting, district: "AF1801").map(\.title) == ["Coordination on detentions (2)"])
            #expect(try await store.meetings.list(kind: .training).isEmpty)
        }
    }

    @Test("Action points: added, moved on, overdue only while still to do and past their day", arguments: TestDatabase.all)
    func actionPoints(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let meeting = Meeting(kind: .coordinationMeeting, organisationID: fixture.own.id, authorID: fixture.author.id, title: "m",
                                  day: CalendarDay(iso: "2026-06-01")!)
            try await store.meetings.create(meeting, actor: "test")
            let late = ActionPoint(meetingID: meeting.id, ownerOrganisationID: fixture.other.id, description: "Write to the governor",
                                   due: CalendarDay(iso: "2026-06-10")!)
            let later = ActionPoint(meetingID: meeting.id, ownerOrganisationID: fixture.own.id, description: "Visit the prison",
                                    due: CalendarDay(iso: "2026-09-01")!)
            try await store.meetings.addActionPoint(late, actor: "test")
            try await store.meetings.addActionPoint(later, actor: "test")
            let today = CalendarDay(iso: "2026-07-01")!
            #expect(try await store.meetings.overdue(on: today).map(\.id) == [late.id])
            #expect(try await store.meetings.overdue(owner: fixture.own.id, on: today).isEmpty)
            let done = try await store.meetings.updateActionPoint(late.id, status: .done, notes: "sent on 20 June", actor: "test")
            #expect(done.status == .done && done.notes == "sent on 20 June")
            #expect(try await store.meetings.overdue(on: today).isEmpty)
            #expect(try await store.meetings.overdue(on: CalendarDay(iso: "2026-10-01")!).map(\.id) == [later.id])
            await #expect(throws: StoreError.self) {
                try await store.meetings.addActionPoint(ActionPoint(meetingID: UUIDv7.make(), ownerOrganisationID: fixture.own.id, description: "x",
                                                                    due: today), actor: "test")
            }
        }
    }

    @Test("Awareness reach equals what the sessions add up to, by district and province; unreached districts listed", arguments: TestDatabase.all)
    func reach(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let sessions = [
                Self.session(store, organisation: fixture.own.id, district: "AF1801", province: "AF18", day: "2026-04-02", women: 20, girls: 5),
                Self.session(store, organisation: fixture.own.id, district: "AF1801", province: "AF18", day: "2026-05-02", women: 11, girls: 0,
                             articles: ["UDHR 26", "CRC 28"]),
                Self.session(store, organisation: fixture.other.id, district: "AF1803", province: "AF18", day: "2026-05-20", women: 4, girls: 9),
                Self.session(store, organisation: fixture.other.id, district: "AF1901", province: "AF19", day: "2026-05-21", women: 1, girls: 1),
                Self.session(store, organisation: fixture.other.id, district: "AF1802", province: "AF18", day: "2025-01-01", women: 50, girls: 50),
            ]
            for session in sessions { try await store.meetings.create(session, actor: "test") }
            try await store.meetings.create(Meeting(kind: .training, organisationID: fixture.own.id, authorID: fixture.author.id, title: "not counted",
                                                    day: CalendarDay(iso: "2026-05-05")!, provincePcode: "AF18", districtPcode: "AF1802",
                                                    attendance: GroupCount(women: 99)), actor: "test")
            let reach = try await store.meetings.reach(from: "2026-04-01", to: "2026-06-30", province: "AF18", region: ["AF18", "AF19"])
            let counted = sessions.filter { $0.provincePcode == "AF18" && $0.day.numeric >= "2026-04-01" && $0.day.numeric <= "2026-06-30" }
            #expect(reach.sessions == counted.count)
            #expect(reach.attendance.women == counted.reduce(0) { $0 + $1.attendance.women })
            #expect(reach.attendance.girls == counted.reduce(0) { $0 + $1.attendance.girls })
            #expect(reach.byDistrict.map(\.pcode) == ["AF1801", "AF1803"] && reach.byDistrict[0].sessions == 2 && reach.byDistrict[0].attendance.women == 31)
            #expect(reach.topics.first?.article.description == "UDHR 26" && reach.topics.first?.sessions == 3)
            #expect(reach.unreached.contains("AF1802") && !reach.unreached.contains("AF1801") && !reach.unreached.contains("AF1901"))
            let everywhere = try await store.meetings.reach(from: "2026-04-01", to: "2026-06-30", region: ["AF18", "AF19"])
            #expect(everywhere.byProvince.map(\.pcode) == ["AF18", "AF19"] && everywhere.sessions == 4)
            #expect(!everywhere.unreached.contains("AF1901") && everywhere.unreached.contains("AF1902"))
        }
    }

    @Test("The weekly digest queues each owner's overdue points to its focal points' e-mail; without mail it only counts", arguments: TestDatabase.all)
    func digest(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let meeting = Meeting(kind: .coordinationMeeting, organisationID: fixture.own.id, authorID: fixture.author.id, title: "m",
                                  day: CalendarDay(iso: "2026-06-01")!)
            try await store.meetings.create(meeting, actor: "test")
            try await store.meetings.addActionPoint(ActionPoint(meetingID: meeting.id, ownerOrganisationID: fixture.other.id, description: "Write to the governor",
                                                                due: CalendarDay(iso: "2026-06-10")!), actor: "test")
            try await store.directory.addFocalPoint(FocalPoint(contact: FocalPointContact(name: "Laila", email: "laila@example.invalid")),
                                                    to: fixture.other.id, actor: "test")
            let now = try #require(CalendarDay(iso: "2026-07-01")?.date)
            let digest = ActionPointDigest(store: store)
            #expect(try await digest.isDue(now: now))
            let counted = try await digest.run(now: now, deliver: false)
            #expect(counted == ActionPointDigest.Result(organisations: 1, actionPoints: 1, queued: 0))
            #expect(try await store.outbox.counts().isEmpty)
            #expect(try await !digest.isDue(now: now.addingTimeInterval(86400)), "a week before the next")
            let sent = try await digest.run(now: now.addingTimeInterval(8 * 86400), deliver: true)
            #expect(sent.queued == 1)
            let message = try #require(try await store.outbox.pending(now: now.addingTimeInterval(9 * 86400)).first)
            #expect(message.recipient.address == "laila@example.invalid" && message.body.contains("Write to the governor"))
        }
    }
}
