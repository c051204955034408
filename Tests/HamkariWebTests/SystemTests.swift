import Foundation
import HamkariCore
import HamkariWeb
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Health, metrics and the real HTTP server")
struct SystemTests {
    @Test("Health reports the database engine, over a real socket", arguments: TestDatabase.all)
    func health(database: TestDatabase) async throws {
        try await withTestApplication(database, testing: .live) { client, session async throws in
            try await client.execute(uri: "/healthz", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                #expect(body == ["status": "ok", "database": database.rawValue])
            }
            try await client.execute(uri: "/?lang=fa-AF", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("dir=\"rtl\""))
            }
        }
    }

    @Test("Metrics are Prometheus text with request counts and durations")
    func metrics() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: "/gazetteer", method: .get, headers: session.pages) { _ in }
            try await client.execute(uri: "/metrics", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = response.body.text
                #expect(text.contains("# TYPE hb_requests counter"))
                #expect(text.contains("http_route=\"/gazetteer\""))
                #expect(text.contains("http_server_request_duration"))
            }
        }
    }

    @Test("The stylesheet is served from our own origin and mirrors for RTL with logical properties")
    func stylesheet() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: "/static/hamkari.css", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                let css = response.body.text
                #expect(css.contains("margin-inline-start"))
                #expect(!css.contains("margin-left") && !css.contains("padding-right") && !css.contains("float: left"))
                #expect(!css.contains("url(http") && !css.contains("@import"))
            }
        }
    }
}

@Suite("String catalogs")
struct CatalogTests {
    @Test("Every locale translates every English string, and none is left empty")
    func complete() throws {
        let localizer = try Localizer.loadBundled()
        let english = try #require(localizer.catalogs[.english])
        for locale in AppLocale.allCases {
            let catalog = try #require(localizer.catalogs[locale])
            #expect(Set(catalog.keys) == Set(english.keys), "\(locale.tag) differs from English")
            #expect(catalog.values.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(locale.tag) has an empty string")
        }
    }

    @Test("Dari and Pashto catalogs are written in Arabic script, with Persian letter forms in Dari")
    func scripts() throws {
        let localizer = try Localizer.loadBundled()
        for locale in [AppLocale.dari, .pashto] {
            let text = localizer.string("nav_home", locale)
            #expect(text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "\(locale.tag)")
        }
        let dari = try #require(localizer.catalogs[.dari]).values.joined()
        #expect(!dari.contains("ي") && !dari.contains("ك"))
    }

    @Test("A missing key falls back to English, then to the key itself")
    func fallback() {
        let localizer = Localizer(catalogs: [.english: ["a": "A"], .dari: [:]])
        #expect(localizer.string("a", .dari) == "A")
        #expect(localizer.string("b", .dari) == "b")
    }
}
