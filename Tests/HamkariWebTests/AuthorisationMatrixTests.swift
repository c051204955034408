import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Every route, for every role: what the policy allows is served, what it denies is 403, and nobody
/// signed out gets anything but a redirect (pages) or 401 (API).
@Suite("Authorisation matrix over every route")
struct AuthorisationMatrixTests {
    /// Real records for the routes' parameters: a member organisation, a public submitted event of it, an evidence file.
    struct Records {
        let organisation: UUID
        let event: UUID
        let evidence: UUID
        let defender: UUID
        let protectionCase: UUID
        let network: UUID
        let meeting: UUID
        let referral: UUID
        let announcement: UUID
        let serviceIssue: UUID

        static func make(_ session: TestSession) async throws -> Records {
            let author = try await session.signIn(as: .documenter)
            let event = try await session.store.events.create(
                SampleEvents.detention(organisationID: author.user.organisationID, authorID: author.user.id, confidentiality: .public,
                                       status: .submitted), actor: author.user.id)
            var upload = try await session.store.evidence.begin(eventID: event.id, filename: "a.txt", mediaType: "text/plain", actor: "test")
            try await session.store.evidence.append(Data("evidence".utf8), to: &upload, limit: 1024)
            let file = try await session.store.evidence.finish(upload, workingCopy: false)
            let defender = DefenderProfile(identity: DefenderIdentity(name: "Farzana Noori"))
            try await session.store.defenders.create(defender, actor: "test")
            let opened = try await session.store.protection.openCase(ProtectionCase(defenderID: defender.id, origin: .officer), actor: "test")
            try await session.store.standards.importArticles(try StandardsFixtures.read("udhr/udhr_eng.xml"), source: "test", actor: "test")
            let meeting = Meeting(kind: .awarenessSession, organisationID: author.user.organisationID, authorID: author.user.id,
                                  title: "Awareness session", day: CalendarDay(iso: "2026-05-02")!)
            try await session.store.meetings.create(meeting, actor: "test")
            let other = try await session.store.organisations.all()[1].id
            let referral = Referral(personCode: PseudonymousCode.make(), fromOrganisationID: author.user.organisationID, toOrganisationID: other,
                                    service: .medical, consentOn: CalendarDay(iso: "2026-05-02")!)
            try await session.store.referrals.create(referral, actor: "test")
            let announcement = Announcement(authorID: author.user.id, title: "To every member", body: "")
            try await session.store.announcements.publish(announcement, deliver: false, actor: "test")
            let issue = ServiceIssue(organisationID: author.user.organisationID, authorID: author.user.id, service: .water, community: "Taloqan",
                                     districtPcode: "AF1801", description: "No water", raisedOn: CalendarDay(iso: "2026-05-02")!, authority: "Municipality")
            try await session.store.serviceIssues.create(issue, actor: "test")
            return Records(organisation: author.user.organisationID, event: event.id, evidence: file.id, defender: defender.id,
                           protectionCase: opened.id, network: try #require(try await session.store.directory.networks().first).id,
                           meeting: meeting.id, referral: referral.id, announcement: announcement.id, serviceIssue: issue.id)
        }

        /// Gives the account a check-in arrangement of its own, so its check-in pages have something to show.
        static func arrangeCheckIn(for account: UserAccount, _ session: TestSession) async throws {
            let profile = DefenderProfile(accountID: account.id, identity: DefenderIdentity(name: account.login))
            try await session.store.defenders.create(profile, actor: "test")
            try await session.store.defenders.setPlan(CheckInPlan(defenderID: profile.id, interval: .seconds(3600), grace: .seconds(60),
                                                                  lastCheckIn: Date()), actor: "test")
        }

        func concrete(_ path: String) -> String {
            let byCollection: [(String, UUID)] = [
                ("evidence/{id}", evidence), ("events/{id}", event), ("defenders/{id}", defender), ("cases/{id}", protectionCase),
                ("networks/{id}", network), ("meetings/{id}", meeting), ("referrals/{id}", referral), ("announcements/{id}", announcement),
                ("service-issues/{id}", serviceIssue),
            ]
            let id = byCollection.first { path.contains($0.0) }?.1 ?? organisation
            return path.replacingOccurrences(of: "{id}", with: id.uuidString.lowercased())
                .replacingOccurrences(of: "{pcode}", with: "AF18").replacingOccurrences(of: "{list}", with: "act_type")
                .replacingOccurrences(of: "{code}", with: "UDHR").replacingOccurrences(of: "{number}", with: "1")
        }
    }

    /// Routes whose record asks more than the route's action: an evidence file is fetched only by those who may see identities.
    static let recordLevel: [String: AccessPolicy.Action] = [
        "/api/v1/evidence/{id}/content": .viewIdentity, "/evidence/{id}/download": .viewIdentity, "/events/{id}/edit": .documentEvents,
    ]

    @Test("Every registered route is in the route table, with a requirement")
    func everyRouteGuarded() async throws {
        try await TestDatabase.sqlite.withStore { store async throws in
            let built = try await buildRouter(store: store, configuration: AppConfiguration(database: store.backend.location))
            let table = Set(built.table.routes.map { "\($0.method) \($0.path)" })
            let registered = Set(built.router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(registered == table, "routes outside the policy: \(registered.subtracting(table))")
            let open = built.table.routes.filter { $0.action == nil }.map(\.path)
            #expect(Set(open) == ["/", "/healthz", "/metrics", "/static/hamkari.css", "/api/v1/openapi.json", "/login", "/login/2fa"])
        }
    }

    @Test("Role × GET route: allowed is served, denied is 403, anonymous is sent away", arguments: Role.allCases)
    func matrix(role: Role) async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let built = try await buildRouter(store: session.store, configuration: AppConfiguration(database: session.store.backend.location))
            let records = try await Records.make(session)
            let account = try await session.signIn(as: role)
            try await Records.arrangeCheckIn(for: account.user, session)
            for route in built.table.routes where route.method == "GET" {
                guard let action = route.action else { continue }
                let uri = records.concrete(route.path)
                let isAPI = uri.hasPrefix("/api/")
                let subject = AccessPolicy.Subject(account.user)
                let allowed = AccessPolicy.decide(subject, action).isAllowed
                    && Self.recordLevel[route.path].map { AccessPolicy.decide(subject, $0, on: .network).isAllowed } ?? true
                try await client.execute(uri: uri, method: .get, headers: isAPI ? account.api : account.pages) { response async throws in
                    if allowed {
                        #expect(response.status == .ok, "\(role) GET \(uri)")
                    } else {
                        #expect(response.status == .forbidden, "\(role) GET \(uri)")
                    }
                }
                try await client.execute(uri: uri, method: .get) { response async throws in
                    #expect(response.status == (isAPI ? .unauthorized : .seeOther), "anonymous GET \(uri)")
                }
            }
        }
    }

    @Test("A denied request is audited, naming the action and never the data")
    func deniedIsAudited() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let partner = try await session.signIn(as: .partner)
            try await client.execute(uri: "/audit", method: .get, headers: partner.pages) { response async throws in
                #expect(response.status == .forbidden)
                #expect(response.body.text.contains("You are not allowed to do this."))
            }
            let entry = try #require(try await session.store.audit.recent(limit: 1).first)
            #expect(entry.action == "access.denied")
            #expect(entry.target == "audit.view")
            #expect(entry.outcome == "denied")
        }
    }

    @Test("The coordinator's audit page lists entries and verifies the log", arguments: TestDatabase.all)
    func auditPage(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            try await client.execute(uri: "/audit", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("demo.seed"))
            }
            try await client.execute(uri: "/audit/verify", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains("The log is intact."))
            }
            try await session.store.backend.transaction { db async throws in
                try await db.raw("UPDATE audit_log SET actor = 'x' WHERE sequence = 1").run()
            }
            try await client.execute(uri: "/audit/verify?lang=fa-AF", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains("در ثبت دست برده شده است"))
                #expect(response.body.text.contains("entry 1 was changed"))
            }
        }
    }
}
