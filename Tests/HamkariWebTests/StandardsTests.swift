import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Standards library: pages and API")
struct StandardsTests {
    @Test("Pages in every language: the instruments, a declaration right to left, an article beside its translations, a search",
          arguments: TestDatabase.all)
    func pages(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            try await StandardsFixtures.importDeclarations(into: session.store)
            let partner = try await session.signIn(as: .partner)
            for locale in AppLocale.allCases {
                try await client.execute(uri: "/standards?lang=\(locale.tag)", method: .get, headers: partner.pages) { response async throws in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes < 30_000)
                    #expect(response.body.text.contains(StandardInstrument.builtIn(code: "UDHR")!.names.name(in: locale)))
                    #expect(response.body.text.contains("dir=\"\(locale.direction)\""))
                }
            }
            try await client.execute(uri: "/standards/UDHR?lang=fa-AF", method: .get, headers: partner.pages) { response async throws in
                let page = response.body.text
                #expect(page.contains("<div lang=\"fa-AF\" dir=\"rtl\">"), "the reader's language by default")
                #expect(page.contains("ماده"))
                #expect(response.body.readableBytes < 30_000)
            }
            try await client.execute(uri: "/standards/UDHR?language=uz-Latn", method: .get, headers: partner.pages) { response async throws in
                #expect(response.body.text.contains("<div lang=\"uz-Latn\" dir=\"ltr\">"))
            }
            try await client.execute(uri: "/standards/UDHR/19?lang=ps", method: .get, headers: partner.pages) { response async throws in
                let page = response.body.text
                #expect(page.contains("<section lang=\"ps\" dir=\"rtl\">"))
                #expect(page.contains("<section lang=\"en\" dir=\"ltr\">"))
                #expect(page.contains("<section lang=\"uz-Latn\" dir=\"ltr\">"))
                #expect(page.range(of: "lang=\"ps\"")!.lowerBound < page.range(of: "<section lang=\"en\"")!.lowerBound, "the reader's own first")
            }
            try await client.execute(uri: "/standards?q=%D8%AA%D8%A8%D8%B9%DB%8C%D8%B6&language=ps", method: .get, headers: partner.pages) { response async throws in
                #expect(response.body.text.contains("/standards/UDHR/2"), "تبعیض typed with Persian yeh finds the Pashto article")
            }
            for missing in ["/standards/NOPE", "/standards/UDHR/31", "/standards/UDHR/x1", "/standards/CAT/1"] {
                try await client.execute(uri: missing, method: .get, headers: partner.pages) { response async throws in
                    #expect(response.status == .notFound, "\(missing)")
                }
            }
        }
    }

    @Test("The API as documented: instruments, an instrument, an article's translations, search; import by coordinators only",
          arguments: TestDatabase.all)
    func api(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let api = try EventAPI(client)
            let udhr = try Data(contentsOf: SharedData.url("udhr/udhr_pes_2.xml"))
            let documenter = try await session.signIn(as: .documenter)
            try await api.call(.post, "/api/v1/standards/import", documentedAs: "/api/v1/standards/import", headers: documenter.api,
                               body: ByteBuffer(bytes: udhr), contentType: "application/xml", status: .forbidden)
            let imported = try await api.call(.post, "/api/v1/standards/import?source=udhr_pes_2.xml", documentedAs: "/api/v1/standards/import",
                                              headers: session.api, body: ByteBuffer(bytes: udhr), contentType: "application/xml", status: .created)
            #expect(imported["instrument"] as? String == "UDHR" && imported["language"] as? String == "fa-AF" && imported["articles"] as? Int == 30)
            let refused = try await api.call(.post, "/api/v1/standards/import?lang=fa-AF", documentedAs: "/api/v1/standards/import",
                                             headers: session.api, body: ByteBuffer(string: "<udhr xml:lang='en'><article number='1'><para>a</para></article><article number='1'><para>b</para></article></udhr>"),
                                             contentType: "application/xml", status: .unprocessableContent)
            let issues = try #require((refused["error"] as? [String: Any])?["issues"] as? [[String: Any]])
            #expect(issues.first?["message"] as? String == "مادهٔ 1 دو بار آمده است.")
            try await api.call(.post, "/api/v1/standards/import", documentedAs: "/api/v1/standards/import", headers: session.api,
                               body: ByteBuffer(string: "not a standard"), contentType: "text/plain", status: .unprocessableContent)
            let partner = try await session.signIn(as: .partner)
            let list = try await api.call(.get, "/api/v1/standards", documentedAs: "/api/v1/standards", headers: partner.api, status: .ok)
            let instruments = try #require(list["instruments"] as? [[String: Any]])
            #expect(instruments.map { $0["code"] as? String } == StandardInstrument.builtIn.map(\.code))
            let languages = try #require(instruments.first?["languages"] as? [[String: Any]])
            #expect(languages.first?["language"] as? String == "fa-AF" && languages.first?["articles"] as? Int == 30,
                    "the refused file changed nothing")
            let articles = try await api.call(.get, "/api/v1/standards/UDHR", documentedAs: "/api/v1/standards/{code}", headers: partner.api, status: .ok)
            #expect((articles["articles"] as? [Any])?.count == 30)
            let article = try await api.call(.get, "/api/v1/standards/udhr/3", documentedAs: "/api/v1/standards/{code}/{number}",
                                             headers: partner.api, status: .ok)
            #expect(((article["articles"] as? [[String: Any]])?.first?["text"] as? String)?.isEmpty == false)
            let found = try await api.call(.get, "/api/v1/standards/search?q=%D8%A2%D8%B2%D8%A7%D8%AF%DB%8C", documentedAs: "/api/v1/standards/search",
                                           headers: partner.api, status: .ok)
            #expect(((found["articles"] as? [Any])?.count ?? 0) > 3, "آزادی (freedom) is in many articles")
            try await api.call(.get, "/api/v1/standards/UDHR/99", documentedAs: "/api/v1/standards/{code}/{number}", headers: partner.api, status: .notFound)
            try await api.call(.get, "/api/v1/standards", documentedAs: "/api/v1/standards", headers: [:], status: .unauthorized)
        }
    }

    @Test("An event's page shows the articles its acts engage, in the reader's language", arguments: TestDatabase.all)
    func eventPage(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            try await StandardsFixtures.importDeclarations(into: session.store)
            let author = try await session.signIn(as: .documenter)
            let event = try await session.store.events.create(
                SampleEvents.detention(organisationID: author.user.organisationID, authorID: author.user.id), actor: author.user.id)
            try await client.execute(uri: "/events/\(event.id.text)?lang=ps", method: .get, headers: author.pages) { response async throws in
                let page = response.body.text
                #expect(page.contains("اړوندې مادې"))
                #expect(page.contains("<a href=\"/standards/UDHR/9\" dir=\"ltr\">UDHR 9</a> <span lang=\"ps\" dir=\"rtl\">"),
                        "arbitrary detention engages UDHR 9, shown in Pashto")
                #expect(response.body.readableBytes < 30_000)
            }
        }
    }
}
