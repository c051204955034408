import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Duress password")
struct DuressTests {
    static let password = "tulip fields of Taloqan"
    static let duress = "the river runs north"

    @Test("A duress sign-in looks ordinary, shows nothing sealed, alerts the officers and suspends sealed access until restored",
          arguments: TestDatabase.all)
    func duressSignIn(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let organisation = try await session.store.organisations.all()[0]
            let user = UserAccount(organisationID: organisation.id, login: "reviewer.duress", role: .reviewer)
            try await session.store.users.create(user, identity: UserIdentity(displayName: "Mariam"), passwordHash:
                try PasswordHash.make(password: Self.password, parameters: testPasswordParameters).encoded, actor: "test")
            let officer = UserAccount(organisationID: organisation.id, login: "officer.duress", role: .protectionOfficer)
            try await session.store.users.create(officer, identity: UserIdentity(displayName: "Officer", contact: "officer@example.org"),
                                                 passwordHash: nil, actor: "test")
            let event = try await session.store.events.create(
                SampleEvents.detention(organisationID: organisation.id, authorID: user.id, status: .submitted), actor: user.id)

            // Setting it: the current password is needed, and the duress password must differ from it.
            let own = try await session.signIn(as: .documenter)
            let wrong = try await client.post("/account/duress", session: own.pages, csrf: own.csrf, fields: ["current": "nope", "duress": Self.duress])
            #expect(wrong.status == .badRequest)
            let mine = try await client.signIn(login: user.login, password: Self.password)
            let cookie = try #require(Scrape.cookie(TestSession.sessionCookie, in: mine))
            let csrf = try await client.execute(uri: "/account", method: .get, headers: [.cookie: cookie]) { Scrape.field("csrf_token", in: $0.body.text) ?? "" }
            let same = try await client.post("/account/duress", session: [.cookie: cookie], csrf: csrf,
                                             fields: ["current": Self.password, "duress": Self.password])
            #expect(same.body.text.contains("must differ"))
            let set = try await client.post("/account/duress", session: [.cookie: cookie], csrf: csrf,
                                            fields: ["current": Self.password, "duress": Self.duress])
            #expect(set.body.text.contains("The duress password is set."))

            // Under coercion: the answer is an ordinary sign-in.
            let forced = try await client.signIn(login: user.login, password: Self.duress, next: "/events")
            #expect(forced.status == mine.status)
            #expect(forced.headers[.location] == "/events")
            let forcedCookie = try #require(Scrape.cookie(TestSession.sessionCookie, in: forced))
            try await client.execute(uri: "/events", method: .get, headers: [.cookie: forcedCookie]) { response async throws in
                #expect(response.status == .ok)
                #expect(!response.body.text.contains(event.title), "no sealed value in the list")
                #expect(!response.body.text.contains(event.reference))
            }
            try await client.execute(uri: "/events/\(event.id.uuidString.lowercased())", method: .get, headers: [.cookie: forcedCookie]) { response async throws in
                #expect(response.status == .notFound)
            }
            #expect(try await session.store.users.find(login: user.login)?.sealedAccessSuspended == true)
            let queued = try await session.store.outbox.counts().values.reduce(0, +)
            #expect(queued == 1, "the officer is told")
            // The account's own later sessions stay suspended too, until a coordinator restores access.
            let later = try await client.signIn(login: user.login, password: Self.password)
            let laterCookie = try #require(Scrape.cookie(TestSession.sessionCookie, in: later))
            try await client.execute(uri: "/events", method: .get, headers: [.cookie: laterCookie]) { response async throws in
                #expect(!response.body.text.contains(event.title))
            }
            let restored = try await client.post("/admin/security/restore", session: session.pages, csrf: session.csrf, fields: ["login": user.login])
            #expect(restored.body.text.contains("Access to sealed data is restored."))
            try await client.execute(uri: "/events", method: .get, headers: [.cookie: laterCookie]) { response async throws in
                #expect(response.body.text.contains(event.title))
            }
            let actions = try await session.store.audit.recent(limit: 30).map(\.action)
            #expect(actions.contains(AuditAction.sealedAccessSuspended.rawValue))
            #expect(actions.contains(AuditAction.sealedAccessRestored.rawValue))
            // A wrong password is still wrong.
            #expect(try await client.signIn(login: user.login, password: "not the password").status == .unauthorized)
        }
    }
}
