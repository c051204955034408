import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

@Suite("Protection: defenders, check-ins, escalation, alerts")
struct ProtectionTests {
    /// A defender with an account, who knows a trusted contact reachable by e-mail and by phone.
    static func defender(in session: TestSession) async throws -> (profile: DefenderProfile, account: (pages: HTTPFields, api: HTTPFields, csrf: String, user: UserAccount)) {
        let account = try await session.signIn(as: .defender)
        let profile = DefenderProfile(
            accountID: account.user.id,
            identity: DefenderIdentity(name: "Farzana Noori", knownAs: "Khala Gul", whereabouts: "Safe house near the bazaar, Taloqan"),
            trustedContacts: [TrustedContact(name: "Her brother", email: "brother@example.org", phone: "+93 700 555 000")])
        try await session.store.defenders.create(profile, actor: "test")
        return (profile, account)
    }

    @Test("A missed check-in is escalated exactly once to e-mail and webhook, even across a restart, and says nothing more than it must",
          arguments: TestDatabase.all)
    func escalation(database: TestDatabase) async throws {
        try await SMTPSink.with { sink async throws in
            try await WebhookReceiver.with { hook, posted async throws in
                try await withTestApplication(database) { _, session async throws in
                    let (profile, _) = try await Self.defender(in: session)
                    let start = Date()
                    try await session.store.defenders.setPlan(
                        CheckInPlan(defenderID: profile.id, interval: .seconds(2), grace: .seconds(1), lastCheckIn: start), actor: "test")
                    let channels = MessageChannels(smtp: SMTPMailer(url: "smtp://127.0.0.1:\(sink.port)", from: "alerts@hamkari.local"), webhook: hook)
                    var logger = Logger(label: "test")
                    logger.logLevel = .critical
                    let first = EscalationService(store: session.store, channels: channels, interval: .seconds(1), logger: logger)
                    await first.tick(now: start.addingTimeInterval(1))
                    #expect(try await session.store.outbox.counts().isEmpty, "not due yet")
                    await first.tick(now: start.addingTimeInterval(3))
                    #expect(try await session.store.defenders.plan(for: profile.id)?.stage == .askedDefender)
                    // The server restarts: a new scheduler over the same stored state.
                    let second = EscalationService(store: session.store, channels: channels, interval: .seconds(1), logger: logger)
                    await second.tick(now: start.addingTimeInterval(4))
                    await second.tick(now: start.addingTimeInterval(4))
                    await first.tick(now: start.addingTimeInterval(60))
                    #expect(try await session.store.defenders.plan(for: profile.id)?.stage == .escalated)
                    let mails = await sink.bodies()
                    let hooks = await posted.all
                    #expect(mails.count == 1, "\(mails)")
                    #expect(hooks.count == 1, "\(hooks)")
                    for text in mails + hooks {
                        #expect(text.contains("Khala Gul"))
                        for secret in ["Farzana", "Noori", "Safe house", "Taloqan", "bazaar", "brother"] {
                            #expect(!text.contains(secret), "\(secret) in an alert")
                        }
                    }
                    #expect(hooks.first?.contains("+93 700 555 000") == true)
                    #expect(try await session.store.outbox.counts() == ["sent": 2])
                    let actions = try await session.store.audit.recent(limit: 20).map(\.action)
                    #expect(actions.filter { $0 == AuditAction.checkInEscalated.rawValue }.count == 2)
                    // Checking in puts the plan back on time.
                    try await session.store.defenders.checkIn(profile.id, actor: "test", now: start.addingTimeInterval(70))
                    #expect(try await session.store.defenders.plan(for: profile.id)?.stage == .onTime)
                }
            }
        }
    }

    @Test("Who sees what: officers the profiles, a defender only their own check-in, others nothing", arguments: TestDatabase.all)
    func policy(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let officer = try await session.signIn(as: .protectionOfficer)
            let documenter = try await session.signIn(as: .documenter)
            let created = try await api.call(.post, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api,
                                             json: ["name": "Farzana Noori", "knownAs": "Khala Gul"], status: .created)
            let id = try #require(created["id"] as? String)
            try await api.call(.post, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api,
                               json: ["name": " ", "login": "nobody.here"], status: .unprocessableContent)
            let list = try await api.call(.get, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: officer.api, status: .ok)
            #expect((list["defenders"] as? [[String: Any]])?.count == 1)
            for who in [documenter.api, session.api] {
                try await api.call(.get, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: who, status: .forbidden)
            }
            try await client.execute(uri: "/protection", method: .get, headers: documenter.pages) { response async throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/protection/defenders/\(id)", method: .get, headers: officer.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("Farzana Noori"))
            }
            try await api.call(.put, "/api/v1/defenders/\(id)/plan", documentedAs: "/api/v1/defenders/{id}/plan", headers: officer.api,
                               json: ["intervalSeconds": 0, "graceSeconds": 60], status: .unprocessableContent)
            try await api.call(.put, "/api/v1/defenders/\(id)/plan", documentedAs: "/api/v1/defenders/{id}/plan", headers: officer.api,
                               json: ["intervalSeconds": 43200, "graceSeconds": 3600], status: .ok)
            try await api.call(.get, "/api/v1/checkin", documentedAs: "/api/v1/checkin", headers: documenter.api, status: .notFound)

            let (profile, defender) = try await Self.defender(in: session)
            try await session.store.defenders.setPlan(
                CheckInPlan(defenderID: profile.id, interval: .seconds(3600), grace: .seconds(600), lastCheckIn: Date()), actor: "test")
            try await api.call(.get, "/api/v1/defenders", documentedAs: "/api/v1/defenders", headers: defender.api, status: .forbidden)
            let state = try await api.call(.post, "/api/v1/checkin", documentedAs: "/api/v1/checkin", headers: defender.api, status: .ok)
            #expect(state["stage"] as? String == "on_time")
            try await client.execute(uri: "/checkin?lang=ps", method: .get, headers: defender.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("زه خوندي یم"))
                #expect(response.body.text.contains("href=\"/checkin\""), "the defender's menu has the check-in page")
                #expect(!response.body.text.contains("Farzana"), "the page shows no sealed detail")
            }
            let checked = try await client.post("/checkin", session: defender.pages, csrf: defender.csrf)
            #expect(checked.status == .ok)
            #expect(checked.body.text.contains("Checked in."))
            #expect(try await session.store.audit.recent(limit: 3).map(\.action).contains(AuditAction.checkedIn.rawValue))
            // A defender sees their own profile, and reports a threat themself.
            #expect(checked.body.text.contains("Khala Gul") && checked.body.text.contains("Her brother"))
            let reported = try await client.post("/checkin/threat", session: defender.pages, csrf: defender.csrf,
                                                 fields: ["kind": "surveillance", "description": "A car follows me"])
            #expect(reported.body.text.contains("The threat was reported"))
            #expect(try await session.store.protection.threats(of: profile.id).map(\.kind) == [.surveillance])
            #expect(try await client.post("/checkin/threat", session: documenter.pages, csrf: documenter.csrf,
                                          fields: ["kind": "surveillance"]).status == .notFound)
            // An officer records areas of work and districts with a new profile.
            let member = try await session.store.organisations.all()[1]
            let made = try await client.post("/protection/defenders", session: officer.pages, csrf: officer.csrf, fields: [
                "name": "Wahida Sharifi", "area_womens_rights": "on", "area_education": "on", "districts": "af1801, AF1702",
                "org_\(member.id.uuidString.lowercased())": "on",
            ])
            #expect(made.status == .found)
            let madeID = try #require(UUID(uuidString: String((made.headers[.location] ?? "").split(separator: "/").last ?? "")))
            let stored = try #require(try await session.store.defenders.find(id: madeID, viewer: "test"))
            #expect(stored.areasOfWork == [.womensRights, .education])
            #expect(stored.districtPcodes == ["AF1801", "AF1702"])
            #expect(stored.organisationIDs == [member.id])
        }
    }

    @Test("A panic alert reaches officers and trusted contacts at once", arguments: TestDatabase.all)
    func panic(database: TestDatabase) async throws {
        try await SMTPSink.with { sink async throws in
            try await WebhookReceiver.with { hook, posted async throws in
                let channels = MessageChannels(smtp: SMTPMailer(url: "smtp://127.0.0.1:\(sink.port)", from: "alerts@hamkari.local"), webhook: hook)
                try await withTestApplication(database, channels: channels) { client, session async throws in
                    let officer = UserAccount(organisationID: try await session.store.organisations.all()[0].id, login: "officer.mail",
                                              role: .protectionOfficer)
                    try await session.store.users.create(officer, identity: UserIdentity(displayName: "Officer", contact: "officer@example.org"),
                                                         passwordHash: nil, actor: "test")
                    let (_, defender) = try await Self.defender(in: session)
                    let api = try EventAPI(client)
                    let alert = try await api.call(.post, "/api/v1/panic", documentedAs: "/api/v1/panic", headers: defender.api, status: .created)
                    #expect(alert["queued"] as? Int == 3)
                    for _ in 0..<50 where try await session.store.outbox.counts()["sent"] != 3 {
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    #expect(try await session.store.outbox.counts()["sent"] == 3)
                    #expect(await sink.bodies().count == 2)
                    #expect(await posted.all.count == 1)
                    #expect(await sink.bodies().allSatisfy { $0.contains("Khala Gul") && !$0.contains("Farzana") })
                    #expect(try await session.store.audit.recent(limit: 5).map(\.action).contains(AuditAction.panicRaised.rawValue))
                }
            }
        }
    }

    @Test("E-mail and phone contacts are told apart")
    func recipients() {
        #expect(Recipient.reaching(contact: "zahra@example.org") == [Recipient(channel: .email, address: "zahra@example.org")])
        #expect(Recipient.reaching(contact: " +93 700 111 222 ") == [Recipient(channel: .webhook, address: "+93 700 111 222")])
        #expect(Recipient.reaching(email: "", phone: "").isEmpty)
    }
}
