import Foundation
import HamkariCore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Localized pages")
struct PageTests {
    static let pages = ["/", "/organisations", "/gazetteer", "/gazetteer/AF18", "/no-such-page"]

    @Test("Each language: its lang tag, its direction and its own text", arguments: [
        ("/", "en", "ltr", "Member organisations"),
        ("/?lang=fa-AF", "fa-AF", "rtl", "سازمان‌های عضو"),
        ("/?lang=ps", "ps", "rtl", "غړي سازمانونه"),
        ("/?lang=uz", "uz", "ltr", "Aʼzo tashkilotlar"),
    ], TestDatabase.all)
    func languages(page: (uri: String, lang: String, dir: String, phrase: String), database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            try await client.execute(uri: page.uri, method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = response.body.text
                #expect(html.contains("<html lang=\"\(page.lang)\" dir=\"\(page.dir)\">"))
                #expect(html.contains(page.phrase))
            }
        }
    }

    @Test("Dari pages use Persian digits, the Solar Hijri date and remember the choice", arguments: TestDatabase.all)
    func dari(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            try await client.execute(uri: "/?lang=fa-AF", method: .get, headers: session.pages) { response async throws in
                let html = response.body.text
                #expect(html.contains("شبکه جامعه مدنی ولایت تخار"))
                #expect(html.contains("<a href=\"/organisations\">۶</a>"))
                #expect(html.contains(DateDisplay.day(Date(), calendar: .solarHijri, locale: .dari)))
                #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("hamkari_lang=fa-AF") })
            }
        }
    }

    @Test("An unknown locale falls back to English and sets no cookie")
    func unknownLocale() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: "/?lang=xx-YY", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("<html lang=\"en\" dir=\"ltr\">"))
                #expect(!response.headers[values: .setCookie].contains { $0.hasPrefix("hamkari_lang=") })
            }
        }
    }

    @Test("Accept-Language is honoured, and a remembered choice beats it")
    func negotiation() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: "/", method: .get, headers: session.pages(adding: [.acceptLanguage: "de;q=0.9, ps;q=0.8, en;q=0.1"])) { response async throws in
                #expect(response.body.text.contains("<html lang=\"ps\" dir=\"rtl\">"))
            }
            try await client.execute(uri: "/", method: .get, headers: session.pages(adding: [.acceptLanguage: "ps", .cookie: "hamkari_lang=uz"])) { response async throws in
                #expect(response.body.text.contains("<html lang=\"uz\" dir=\"ltr\">"))
            }
        }
    }

    @Test("The calendar can be chosen: Gregorian in Dari shows a Gregorian date with Dari month names")
    func calendarChoice() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: "/?lang=fa-AF&cal=gregorian", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains(DateDisplay.day(Date(), calendar: .gregorian, locale: .dari)))
                #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("hamkari_cal=gregorian") })
            }
        }
    }

    @Test("Every page in every locale is under 30 KB and loads nothing from another origin", arguments: AppLocale.allCases)
    func smallAndSelfContained(locale: AppLocale) async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            for page in Self.pages {
                try await client.execute(uri: "\(page)?lang=\(locale.tag)", method: .get, headers: session.pages) { response async throws in
                    let html = response.body.text
                    #expect(response.body.readableBytes < 30_000, "\(page) is \(response.body.readableBytes) bytes")
                    #expect(html.hasPrefix("<!DOCTYPE html>"))
                    #expect(html.range(of: #"(src|href|action)="(https?:)?//"#, options: .regularExpression) == nil, "\(page) links off-site")
                    #expect(!html.contains("<script"), "\(page) has a script")
                    #expect(!html.contains("style=\""), "\(page) has an inline style")
                }
            }
        }
    }

    @Test("Every response carries the security headers")
    func securityHeaders() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            for uri in ["/", "/api/v1/organisations", "/no-such-page", "/static/hamkari.css"] {
                try await client.execute(uri: uri, method: .get, headers: session.pages) { response async throws in
                    let csp = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(csp.contains("default-src 'none'"))
                    #expect(csp.contains("frame-ancestors 'none'"))
                    #expect(!csp.contains("unsafe-inline"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                }
            }
        }
    }

    @Test("Organisations and gazetteer pages list what the store holds", arguments: TestDatabase.all)
    func listings(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            try await client.execute(uri: "/organisations?lang=fa-AF", method: .get, headers: session.pages) { response async throws in
                let html = response.body.text
                #expect(html.contains("شورای زنان فرخار"))
                #expect(html.contains("فرخار، تخار"))
                #expect(html.contains("انجمن زنان"))
            }
            try await client.execute(uri: "/gazetteer/AF18", method: .get, headers: session.pages) { response async throws in
                let html = response.body.text
                #expect(html.components(separatedBy: "<tr>").count - 2 == 17)
                #expect(html.contains("Taloqan"))
            }
            try await client.execute(uri: "/gazetteer/AF01", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains("have not been imported yet"))
            }
        }
    }

    @Test("Page errors are pages in the reader's language, never a 5xx", arguments: [
        ("/no-such-page?lang=fa-AF", HTTPResponse.Status.notFound, "صفحه پیدا نشد"),
        ("/gazetteer/zz", .badRequest, "That is not a P-code"),
        ("/gazetteer/AF99?lang=ps", .notFound, "پاڼه ونه موندل شوه"),
        ("/gazetteer/AF1801", .notFound, "Page not found"),
    ])
    func errorPages(uri: String, status: HTTPResponse.Status, text: String) async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            try await client.execute(uri: uri, method: .get, headers: session.pages) { response async throws in
                #expect(response.status == status)
                #expect(response.body.text.contains(text))
            }
        }
    }

    @Test("Demo instances say so on every page")
    func demoBanner() async throws {
        try await withTestApplication(.sqlite, demo: true) { client, session async throws in
            try await client.execute(uri: "/", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains("Demonstration instance"))
            }
        }
        try await withTestApplication(.sqlite, demo: false) { client, session async throws in
            try await client.execute(uri: "/", method: .get, headers: session.pages) { response async throws in
                #expect(!response.body.text.contains("Demonstration instance"))
            }
        }
    }
}
