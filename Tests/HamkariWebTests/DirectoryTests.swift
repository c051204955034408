import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Member directory: pages and API")
struct DirectoryTests {
    @Test("API: create, filter by district and theme, edit, focal points for those allowed (audited), networks and memberships; who may not",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let documenter = try await session.signIn(as: .documenter)
            let body: [String: Any] = ["names": ["en": "Baharak Teachers' Union", "fa-AF": "اتحادیه معلمان بهارک"], "kind": "professional_union",
                                       "provincePcode": "AF17", "areas": ["AF1704", "AF18"], "themes": ["education", "children"]]
            try await api.call(.post, "/api/v1/organisations", documentedAs: "/api/v1/organisations", headers: documenter.api, json: body,
                               status: .forbidden)
            let refused = try await api.call(.post, "/api/v1/organisations?lang=ps", documentedAs: "/api/v1/organisations", headers: session.api,
                                             json: ["names": ["en": ""], "kind": "club", "areas": ["AF99"], "themes": ["poetry"]],
                                             status: .unprocessableContent)
            let fields = Set(((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["names.en", "kind", "areas", "themes"])
            let count = try await session.store.organisations.count()
            let created = try await api.call(.post, "/api/v1/organisations", documentedAs: "/api/v1/organisations", headers: session.api, json: body,
                                             status: .created)
            #expect(try await session.store.organisations.count() == count + 1, "the refused one was never stored")
            let id = try #require(created["id"] as? String)
            #expect(created["areas"] as? [String] == ["AF1704", "AF18"])

            let inBaharak = try await api.call(.get, "/api/v1/organisations?district=AF1704&theme=education", documentedAs: "/api/v1/organisations",
                                               headers: documenter.api, status: .ok)
            let found = try #require(inBaharak["organisations"] as? [[String: Any]])
            #expect(found.contains { $0["id"] as? String == id })
            #expect(found.allSatisfy { ($0["themes"] as? [String])?.contains("education") == true })
            let inTaloqan = try await api.call(.get, "/api/v1/organisations?district=AF1801", documentedAs: "/api/v1/organisations",
                                               headers: documenter.api, status: .ok)
            #expect((inTaloqan["organisations"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true, "AF18 covers all Takhar")
            try await api.call(.get, "/api/v1/organisations?theme=poetry", documentedAs: "/api/v1/organisations", headers: documenter.api,
                               status: .unprocessableContent)

            // A member of the new organisation adds a focal point; others see it or not by the policy.
            let own = UserAccount(organisationID: try #require(UUID(uuidString: id)), login: "baharak.member", role: .documenter)
            try await session.store.users.create(own, passwordHash: nil, actor: "test")
            let ownToken = try await session.store.apiTokens.create(for: own.id, expiresAt: nil, actor: "test").token.value
            let ownHeaders: HTTPFields = [.authorization: "Bearer \(ownToken)"]
            try await api.call(.post, "/api/v1/organisations/\(id)/focal-points", documentedAs: "/api/v1/organisations/{id}/focal-points",
                               headers: documenter.api, json: ["name": "Zahra"], status: .forbidden)
            try await api.call(.post, "/api/v1/organisations/\(id)/focal-points", documentedAs: "/api/v1/organisations/{id}/focal-points",
                               headers: ownHeaders, json: ["role": "no name"], status: .unprocessableContent)
            try await api.call(.post, "/api/v1/organisations/\(id)/focal-points", documentedAs: "/api/v1/organisations/{id}/focal-points",
                               headers: ownHeaders, json: ["accountLogin": documenter.user.login], status: .unprocessableContent)
            let withPoint = try await api.call(.post, "/api/v1/organisations/\(id)/focal-points", documentedAs: "/api/v1/organisations/{id}/focal-points",
                                               headers: ownHeaders, json: ["name": "Zahra Haidari", "phone": "+93 700 222 333"], status: .created)
            #expect((withPoint["focalPoints"] as? [[String: Any]])?.first?["name"] as? String == "Zahra Haidari")
            try await api.call(.post, "/api/v1/organisations/\(id)/focal-points", documentedAs: "/api/v1/organisations/{id}/focal-points",
                               headers: ownHeaders, json: ["accountLogin": "baharak.member"], status: .created)
            let partner = try await session.signIn(as: .partner)
            for (headers, sees) in [(partner.api, false), (documenter.api, false), (ownHeaders, true), (session.api, true)] {
                let read = try await api.call(.get, "/api/v1/organisations/\(id)", documentedAs: "/api/v1/organisations/{id}", headers: headers, status: .ok)
                #expect((read["focalPoints"] != nil) == sees)
            }
            let audited = try await session.store.audit.recent(limit: 5).filter { $0.action == AuditAction.focalPointsViewed.rawValue }
            #expect(audited.count >= 2)

            try await api.call(.patch, "/api/v1/organisations/\(id)", documentedAs: "/api/v1/organisations/{id}", headers: documenter.api,
                               json: ["themes": ["health"]], status: .forbidden)
            let patched = try await api.call(.patch, "/api/v1/organisations/\(id)", documentedAs: "/api/v1/organisations/{id}", headers: ownHeaders,
                                             json: ["themes": ["health"], "districtPcode": "AF1704"], status: .ok)
            #expect(patched["themes"] as? [String] == ["health"] && patched["provincePcode"] as? String == "AF17")

            let network = try await api.call(.post, "/api/v1/networks", documentedAs: "/api/v1/networks", headers: session.api,
                                             json: ["names": ["en": "Badakhshan Network"], "region": ["AF17"]], status: .created)
            let networkID = try #require(network["id"] as? String)
            try await api.call(.post, "/api/v1/networks", documentedAs: "/api/v1/networks", headers: session.api,
                               json: ["names": ["en": "No region"], "region": ["AF1704"]], status: .unprocessableContent)
            try await api.call(.put, "/api/v1/networks/\(networkID)/members/\(id)", documentedAs: "/api/v1/networks/{id}/members/{organisation}",
                               headers: documenter.api, json: ["status": "member"], status: .forbidden)
            try await api.call(.put, "/api/v1/networks/\(networkID)/members/\(id)", documentedAs: "/api/v1/networks/{id}/members/{organisation}",
                               headers: session.api, json: ["status": "member", "since": "1405-13-01"], status: .unprocessableContent)
            let joined = try await api.call(.put, "/api/v1/networks/\(networkID)/members/\(id)", documentedAs: "/api/v1/networks/{id}/members/{organisation}",
                                            headers: session.api, json: ["status": "member", "since": "1405-01-01", "calendar": "solar-hijri"], status: .ok)
            let member = try #require((joined["members"] as? [[String: Any]])?.first)
            #expect(member["since"] as? String == "2026-03-21", "1 Hamal 1405 is 21 March 2026")
            let networks = try await api.call(.get, "/api/v1/networks", documentedAs: "/api/v1/networks", headers: partner.api, status: .ok)
            #expect((networks["networks"] as? [Any])?.count == 3, "the two of the demonstration and the new one")
            try await api.call(.get, "/api/v1/networks/\(UUIDv7.make().text)", documentedAs: "/api/v1/networks/{id}", headers: partner.api, status: .notFound)
        }
    }

    @Test("Pages in every language: the directory by district and theme, a profile with contacts only for those allowed, the forms",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let partner = try await session.signIn(as: .partner)
            for locale in AppLocale.allCases {
                try await client.execute(uri: "/organisations?lang=\(locale.tag)&district=AF1810", method: .get, headers: partner.pages) { response async throws in
                    #expect(response.status == .ok)
                    #expect(response.body.text.contains("dir=\"\(locale.direction)\""))
                    #expect(response.body.readableBytes < 30_000)
                    #expect(response.body.text.contains(DemoNetwork.organisations[2].names.name(in: locale)), "Rustaq's youth work there")
                    #expect(!response.body.text.contains(DemoNetwork.organisations[3].names.name(in: locale)), "Kunduz's lawyers do not")
                }
            }
            let taloqan = try #require(try await session.store.organisations.all().first { $0.names.english == DemoNetwork.organisations[0].names.english })
            try await session.store.directory.addFocalPoint(FocalPoint(contact: FocalPointContact(name: "Hamid Karimi", phone: "+93 700 999 000")),
                                                           to: taloqan.id, actor: "test")
            try await client.execute(uri: "/organisations/\(taloqan.id.text)", method: .get, headers: partner.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(!response.body.text.contains("Hamid Karimi"), "a partner sees no contact")
            }
            try await client.execute(uri: "/organisations/\(taloqan.id.text)?lang=fa-AF", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains("Hamid Karimi"))
                #expect(response.body.text.contains("نقاط تماس"))
            }
            let created = try await client.post("/organisations", session: session.pages, csrf: session.csrf, fields: [
                "name_en": "", "name_fa": "شورای جوانان اشکمش", "kind": "youth_group", "province": "AF18", "area_AF1803": "on", "theme_peacebuilding": "on",
            ])
            #expect(created.status == .unprocessableContent)
            #expect(created.body.text.contains("A name is required."))
            #expect(created.body.text.contains("شورای جوانان اشکمش"), "what was typed is kept")
            let saved = try await client.post("/organisations", session: session.pages, csrf: session.csrf, fields: [
                "name_en": "Ishkamish Youth Shura", "name_fa": "شورای جوانان اشکمش", "kind": "youth_group", "province": "AF18", "area_AF1803": "on",
                "theme_peacebuilding": "on",
            ])
            #expect(saved.status == .found)
            let path = saved.headers[.location] ?? ""
            try await client.execute(uri: "\(path)/edit?lang=ps", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("name=\"area_AF1803\" value=\"on\" checked"))
            }
            let partnerForm = try await client.post("/organisations", session: partner.pages, csrf: partner.csrf, fields: ["name_en": "X"])
            #expect(partnerForm.status == .forbidden)
            let network = try #require(try await session.store.directory.networks().first)
            let joined = try await client.post("/networks/\(network.id.text)/members", session: session.pages, csrf: session.csrf,
                                               fields: ["organisation": String(path.dropFirst("/organisations/".count)), "status": "observer",
                                                        "since": "۱۴۰۵-۰۲-۰۱", "calendar": "solar-hijri"])
            #expect(joined.status == .found)
            try await client.execute(uri: "/networks/\(network.id.text)?lang=uz", method: .get, headers: partner.pages) { response async throws in
                #expect(response.body.text.contains("Ishkamish Youth Shura"))
                #expect(response.body.text.contains("kuzatuvchi"))
            }
        }
    }
}
