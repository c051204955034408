import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Referrals between members: pages and API")
struct ReferralTests {
    @Test("API: a referral with consent, by code only, followed to its end by the receiving organisation; a third organisation never sees it",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let organisations = try await session.store.organisations.all()
            let sender = try await session.signIn(as: .documenter)
            let receiver = try await session.signIn(as: .protectionOfficer, organisation: 3)
            let third = try await session.signIn(as: .documenter, organisation: 2)
            let partner = try await session.signIn(as: .partner)
            let body: [String: Any] = ["personCode": "p-abc234", "toOrganisationId": organisations[3].id.text, "service": "legal_aid",
                                       "consent": true, "reason": "Detained brother, needs a lawyer in Kunduz"]
            try await api.call(.post, "/api/v1/referrals", documentedAs: "/api/v1/referrals", headers: partner.api, json: body, status: .forbidden)
            let refused = try await api.call(.post, "/api/v1/referrals?lang=fa-AF", documentedAs: "/api/v1/referrals", headers: sender.api,
                                             json: ["personCode": "Gulalai Safi", "toOrganisationId": organisations[0].id.text, "service": "magic",
                                                    "consent": false], status: .unprocessableContent)
            let issues = (refused["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []
            #expect(Set(issues.compactMap { $0["field"] as? String }) == ["personCode", "toOrganisationId", "service", "consent"])
            #expect(issues.allSatisfy { ($0["message"] as? String)?.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } == true },
                    "the errors are in Dari")
            #expect(try await session.store.referrals.visible(to: AccessPolicy.Subject(id: UUIDv7.make(), organisationID: organisations[0].id, role: .coordinator)).isEmpty,
                    "nothing was stored")

            let created = try await api.call(.post, "/api/v1/referrals", documentedAs: "/api/v1/referrals", headers: sender.api, json: body,
                                             status: .created)
            let id = try #require(created["id"] as? String)
            #expect(created["personCode"] as? String == "P-ABC234" && created["status"] as? String == "sent")
            #expect(created["fromOrganisationId"] as? String == organisations[0].id.text && created["consentOn"] as? String != nil)
            let noCode = try await api.call(.post, "/api/v1/referrals", documentedAs: "/api/v1/referrals", headers: sender.api,
                                            json: ["toOrganisationId": organisations[1].id.text, "service": "psychosocial", "consent": true],
                                            status: .created)
            #expect(PseudonymousCode.isValid(noCode["personCode"] as? String ?? ""), "a code is made when none is given")

            for (headers, count) in [(sender.api, 2), (receiver.api, 1), (third.api, 0), (session.api, 2)] {
                let list = try await api.call(.get, "/api/v1/referrals", documentedAs: "/api/v1/referrals", headers: headers, status: .ok)
                #expect((list["referrals"] as? [[String: Any]])?.count == count)
            }
            try await api.call(.get, "/api/v1/referrals/\(id)", documentedAs: "/api/v1/referrals/{id}", headers: third.api, status: .notFound)
            try await api.call(.patch, "/api/v1/referrals/\(id)", documentedAs: "/api/v1/referrals/{id}", headers: third.api,
                               json: ["status": "declined"], status: .notFound)
            try await api.call(.get, "/api/v1/referrals/\(id)", documentedAs: "/api/v1/referrals/{id}", headers: partner.api, status: .forbidden)
            try await client.execute(uri: "/referrals/\(id)", method: .get, headers: third.pages) { response async throws in
                #expect(response.status == .notFound)
                #expect(!response.body.text.contains("P-ABC234"))
            }
            try await api.call(.patch, "/api/v1/referrals/\(id)", documentedAs: "/api/v1/referrals/{id}", headers: receiver.api,
                               json: ["status": "lost"], status: .unprocessableContent)
            let referralID = try #require(UUID(uuidString: id))
            #expect(try await session.store.referrals.find(id: referralID)?.status == .sent, "the refused change left it as it was")
            let accepted = try await api.call(.patch, "/api/v1/referrals/\(id)", documentedAs: "/api/v1/referrals/{id}", headers: receiver.api,
                                              json: ["status": "accepted", "feedback": "A lawyer visits on Saturday"], status: .ok)
            #expect(accepted["status"] as? String == "accepted" && accepted["reason"] as? String == body["reason"] as? String)
            let completed = try await api.call(.patch, "/api/v1/referrals/\(id)", documentedAs: "/api/v1/referrals/{id}", headers: sender.api,
                                               json: ["status": "completed"], status: .ok)
            #expect(completed["status"] as? String == "completed" && completed["feedback"] as? String == "A lawyer visits on Saturday")
            let actions = try await session.store.audit.recent(limit: 10).map(\.action)
            #expect(actions.filter { $0 == AuditAction.referralUpdated.rawValue }.count == 2)
            #expect(actions.contains(AuditAction.referralMade.rawValue))
            let disk = try await session.store.rawText(of: "referrals").joined(separator: " ")
            #expect(!disk.contains("Detained brother") && !disk.contains("lawyer visits"), "reason and feedback are sealed")
        }
    }

    @Test("Pages in every language: referred on the form, answered on its page; the consent box is required", arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let organisations = try await session.store.organisations.all()
            let me = try await session.signIn(as: .documenter)
            let them = try await session.signIn(as: .documenter, organisation: 1)
            let refused = try await client.post("/referrals", session: me.pages, csrf: me.csrf, fields: [
                "personCode": "P-QRS789", "to": organisations[1].id.text, "service": "shelter", "reason": "Threatened at home",
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(try await session.store.referrals.visible(to: AccessPolicy.Subject(me.user)).isEmpty, "nothing was stored")
            let saved = try await client.post("/referrals", session: me.pages, csrf: me.csrf, fields: [
                "personCode": "P-QRS789", "to": organisations[1].id.text, "service": "shelter", "reason": "Threatened at home", "consent": "on",
            ])
            #expect(saved.status == .found)
            let path = try #require(saved.headers[.location])
            for locale in AppLocale.allCases {
                try await client.execute(uri: "\(path)?lang=\(locale.tag)", method: .get, headers: them.pages) { response async throws in
                    #expect(response.status == .ok)
                    #expect(response.body.text.contains("dir=\"\(locale.direction)\""))
                    #expect(response.body.text.contains("P-QRS789") && response.body.text.contains("Threatened at home"))
                    #expect(response.body.readableBytes < 30_000)
                }
            }
            let answered = try await client.post(path, session: them.pages, csrf: them.csrf, fields: ["status": "accepted", "feedback": "Room found"])
            #expect(answered.status == .found)
            try await client.execute(uri: "/referrals?lang=ps", method: .get, headers: me.pages) { response async throws in
                #expect(response.status == .ok && response.body.text.contains("P-QRS789") && response.body.text.contains("dir=\"rtl\""))
            }
            let stored = try #require(try await session.store.referrals.visible(to: AccessPolicy.Subject(me.user)).first)
            #expect(stored.status == .accepted && stored.feedback == "Room found")
        }
    }
}
