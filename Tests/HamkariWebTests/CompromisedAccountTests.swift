import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("A compromised member's account")
struct CompromisedAccountTests {
    @Test("One action locks it out: no session, no token, no record; audited; only coordinators may", arguments: TestDatabase.all)
    func lockOut(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let member = try await session.signIn(as: .documenter)
            let event = try await session.store.events.create(
                SampleEvents.detention(organisationID: member.user.organisationID, authorID: member.user.id), actor: member.user.id)
            try await client.execute(uri: "/api/v1/events/\(event.id.uuidString.lowercased())", method: .get, headers: member.api) { response async throws in
                #expect(response.status == .ok)
            }
            let reviewer = try await session.signIn(as: .reviewer)
            #expect(try await client.post("/admin/security/compromised", session: reviewer.pages, csrf: reviewer.csrf,
                                          fields: ["login": member.user.login]).status == .forbidden)
            let unknown = try await client.post("/admin/security/compromised?lang=fa-AF", session: session.pages, csrf: session.csrf,
                                                fields: ["login": "nobody.here"])
            #expect(unknown.body.text.contains("حساب دیگری با این نام کاربری وجود ندارد"))
            let done = try await client.post("/admin/security/compromised", session: session.pages, csrf: session.csrf,
                                             fields: ["login": member.user.login])
            #expect(done.status == .ok)
            #expect(done.body.text.contains("The account is locked out; 1 token(s) revoked."))
            try await client.execute(uri: "/api/v1/events/\(event.id.uuidString.lowercased())", method: .get, headers: member.api) { response async throws in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/events", method: .get, headers: member.pages) { response async throws in
                #expect(response.status == .seeOther, "the session is gone")
            }
            #expect(try await session.store.users.find(login: member.user.login)?.status == .disabled)
            #expect(try await session.store.sessions.count(for: member.user.id) == 0)
            let entry = try #require(try await session.store.audit.recent(limit: 1).first)
            #expect(entry.action == AuditAction.userCompromised.rawValue)
            #expect(entry.target == member.user.id.uuidString.lowercased())

            let api = try EventAPI(client)
            let other = try await session.signIn(as: .analyst)
            let result = try await api.call(.post, "/api/v1/users/compromised", documentedAs: "/api/v1/users/compromised", headers: session.api,
                                            json: ["login": other.user.login], status: .ok)
            #expect(result["revokedTokens"] as? Int == 1)
            try await api.call(.post, "/api/v1/users/compromised", documentedAs: "/api/v1/users/compromised", headers: session.api,
                               json: ["login": "nobody.here"], status: .notFound)
            try await api.call(.post, "/api/v1/users/compromised", documentedAs: "/api/v1/users/compromised", headers: reviewer.api,
                               json: ["login": other.user.login], status: .forbidden)
        }
    }
}
