import Foundation
import HamkariCore
import HamkariStore
@testable import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Signing in and out")
struct SignInTests {
    @Test("Anonymous visitors are sent to sign in; the API answers 401", arguments: TestDatabase.all)
    func anonymous(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, _ async throws in
            try await client.execute(uri: "/organisations", method: .get) { response async throws in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=/organisations&lang=en")
            }
            try await client.execute(uri: "/api/v1/organisations", method: .get) { response async throws in
                #expect(response.status == .unauthorized)
                #expect(response.body.text.contains("\"code\":\"unauthorized\""))
            }
            try await client.execute(uri: "/?lang=fa-AF", method: .get) { response async throws in
                #expect(response.status == .ok, "the landing page is open")
                let html = response.body.text
                #expect(html.contains("<html lang=\"fa-AF\" dir=\"rtl\">"))
                #expect(html.contains("شبکه جامعه مدنی ولایت تخار"))
                #expect(html.contains("href=\"/login?lang=fa-AF\""))
                #expect(!html.contains("class=\"figures\"") && !html.contains("/organisations"), "no member is named or counted")
            }
            try await client.execute(uri: "/login?lang=fa-AF", method: .get) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("dir=\"rtl\""))
                #expect(response.body.text.contains("ورود"))
                #expect(Scrape.cookie("hamkari_login", in: response) != nil)
            }
        }
    }

    @Test("The right password signs in with a new session; the page then opens", arguments: TestDatabase.all)
    func success(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let response = try await client.signIn(login: session.coordinatorLogin, password: session.coordinatorPassword, next: "/gazetteer")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/gazetteer")
            let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("hamkari_session=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let cookie = try #require(Scrape.cookie("hamkari_session", in: response))
            try await client.execute(uri: "/gazetteer", method: .get, headers: [.cookie: cookie]) { page async throws in
                #expect(page.status == .ok)
                #expect(page.body.text.contains(session.coordinatorLogin))
            }
            let actions = try await session.store.audit.recent(limit: 1).map(\.action)
            #expect(actions == ["auth.login"])
        }
    }

    @Test("Unknown login and wrong password get the same answer, and both are audited")
    func indistinguishable() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let wrong = try await client.signIn(login: session.coordinatorLogin, password: "not the password")
            let unknown = try await client.signIn(login: "nobody.here", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            func normalised(_ response: TestResponse) -> String {
                let html = response.body.text
                guard let token = Scrape.field("csrf_token", in: html) else { return html }
                return html.replacingOccurrences(of: token, with: "TOKEN")
            }
            #expect(normalised(wrong) == normalised(unknown))
            #expect(wrong.body.text.contains("The login or the password is wrong."))
            let failures = try await session.store.audit.recent(limit: 2).map(\.action)
            #expect(failures == ["auth.login.failure", "auth.login.failure"])
        }
    }

    @Test("After five failures an account is locked, even for the right password")
    func throttled() async throws {
        let frozen = Date()
        try await withTestApplication(.sqlite, clock: { frozen }) { client, session async throws in
            for _ in 0..<LoginThrottle.freeAttempts {
                #expect(try await client.signIn(login: session.coordinatorLogin, password: "guess guess guess").status == .unauthorized)
            }
            let locked = try await client.signIn(login: session.coordinatorLogin, password: session.coordinatorPassword)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.text.contains("Too many attempts"))
            #expect(try await session.store.audit.recent(limit: 1).first?.action == "auth.login.locked")
        }
    }

    @Test("Sign-in never redirects off the site")
    func noOpenRedirect() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            for next in ["//evil.example/", "https://evil.example/", "/\\evil.example", "//\u{301}evil.example/", "/\\\u{301}evil.example",
                         "/events\r\nSet-Cookie: x=1", "/events\r", "/events\n", "evil.example", ""] {
                let response = try await client.signIn(login: session.coordinatorLogin, password: session.coordinatorPassword, next: next)
                #expect(response.headers[.location] == "/", "\(next)")
            }
        }
    }

    @Test("Cross-site posts and posts without the form token are refused with 403; nothing changes", arguments: TestDatabase.all)
    func csrf(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let form = TestSession.merge(Scrape.formHeaders, session.pages)
            for extra in [[HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], [.origin: "https://evil.example"]] as [HTTPFields] {
                try await client.execute(uri: "/logout", method: .post, headers: TestSession.merge(form, extra),
                                         body: Scrape.form(["csrf_token": session.csrf])) { response async throws in
                    #expect(response.status == .forbidden)
                }
            }
            try await client.execute(uri: "/logout", method: .post, headers: form, body: Scrape.form([:])) { response async throws in
                #expect(response.status == .forbidden)
                #expect(response.body.text.contains("The form has expired"))
            }
            try await client.execute(uri: "/logout", method: .post, headers: form, body: Scrape.form(["csrf_token": "forged"])) { response async throws in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/organisations", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok, "still signed in")
            }
            let out = try await client.post("/logout", session: session.pages, csrf: session.csrf)
            #expect(out.status == .seeOther)
            try await client.execute(uri: "/organisations", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .seeOther, "signed out")
            }
        }
    }

    @Test("Changing the password ends every other session", arguments: TestDatabase.all)
    func passwordChange(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let other = try #require(Scrape.cookie("hamkari_session",
                in: try await client.signIn(login: session.coordinatorLogin, password: session.coordinatorPassword)))
            let tooShort = try await client.post("/account/password", session: session.pages, csrf: session.csrf,
                                                 fields: ["current": session.coordinatorPassword, "new": "short"])
            #expect(tooShort.status == .badRequest)
            #expect(tooShort.body.text.contains("too short"))
            let common = try await client.post("/account/password", session: session.pages, csrf: session.csrf,
                                               fields: ["current": session.coordinatorPassword, "new": "password123"])
            #expect(common.body.text.contains("first ones attackers try"))
            let wrongCurrent = try await client.post("/account/password", session: session.pages, csrf: session.csrf,
                                                     fields: ["current": "wrong", "new": "a new long passphrase"])
            #expect(wrongCurrent.body.text.contains("The current password is wrong."))
            let changed = try await client.post("/account/password", session: session.pages, csrf: session.csrf,
                                                fields: ["current": session.coordinatorPassword, "new": "سه کلمه برای رمز تازه"])
            #expect(changed.status == .seeOther)
            let renewed = try #require(Scrape.cookie("hamkari_session", in: changed))
            for stale in [other, session.pages[.cookie] ?? ""] {
                try await client.execute(uri: "/organisations", method: .get, headers: [.cookie: stale]) { response async throws in
                    #expect(response.status == .seeOther, "an old session was not ended")
                }
            }
            try await client.execute(uri: "/organisations", method: .get, headers: [.cookie: renewed]) { response async throws in
                #expect(response.status == .ok)
            }
            #expect(try await client.signIn(login: session.coordinatorLogin, password: "سه کلمه برای رمز تازه").status == .seeOther)
        }
    }

    @Test("Sign out everywhere ends all of an account's sessions")
    func signOutEverywhere() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let other = try #require(Scrape.cookie("hamkari_session",
                in: try await client.signIn(login: session.coordinatorLogin, password: session.coordinatorPassword)))
            #expect(try await client.post("/logout/everywhere", session: session.pages, csrf: session.csrf).status == .seeOther)
            try await client.execute(uri: "/organisations", method: .get, headers: [.cookie: other]) { response async throws in
                #expect(response.status == .seeOther)
            }
        }
    }

    @Test("A disabled account's session and token stop working at once", arguments: TestDatabase.all)
    func disabled(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let documenter = try await session.signIn(as: .documenter)
            try await session.store.users.setStatus(.disabled, for: documenter.user.id, actor: "test")
            try await client.execute(uri: "/organisations", method: .get, headers: documenter.pages) { response async throws in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/api/v1/organisations", method: .get, headers: documenter.api) { response async throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("Revoked and expired API tokens are refused", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let user = try #require(try await session.store.users.find(login: session.coordinatorLogin))
            let expired = try await session.store.apiTokens.create(for: user.id, expiresAt: Date(timeIntervalSinceNow: -1), actor: "test")
            let revoked = try await session.store.apiTokens.create(for: user.id, expiresAt: nil, actor: "test")
            try await session.store.apiTokens.revoke(id: revoked.id, actor: "test")
            for token in [expired.token.value, revoked.token.value, "hmk_madeup", "not-even-a-token"] {
                try await client.execute(uri: "/api/v1/organisations", method: .get, headers: [.authorization: "Bearer \(token)"]) { response async throws in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }
}

@Suite("Personal language and calendar")
struct PreferenceTests {
    @Test("A saved language and calendar follow the person; an explicit ?lang= still wins for that page", arguments: TestDatabase.all)
    func preferences(database: TestDatabase) async throws {
        try await withTestApplication(database) { client, session async throws in
            let saved = try await client.post("/account/preferences", session: session.pages, csrf: session.csrf,
                                              fields: ["locale": "ps", "calendar": "gregorian"])
            #expect(saved.status == .seeOther)
            try await client.execute(uri: "/", method: .get, headers: session.pages(adding: [.acceptLanguage: "en"])) { response async throws in
                let html = response.body.text
                #expect(html.contains("<html lang=\"ps\" dir=\"rtl\">"))
                #expect(html.contains(DateDisplay.day(Date(), calendar: .gregorian, locale: .pashto)))
            }
            try await client.execute(uri: "/?lang=uz", method: .get, headers: session.pages) { response async throws in
                #expect(response.body.text.contains("<html lang=\"uz\" dir=\"ltr\">"))
            }
            _ = try await client.post("/account/preferences", session: session.pages, csrf: session.csrf, fields: ["locale": "", "calendar": ""])
            try await client.execute(uri: "/", method: .get, headers: session.pages(adding: [.acceptLanguage: "fa-AF"])) { response async throws in
                #expect(response.body.text.contains("<html lang=\"fa-AF\" dir=\"rtl\">"))
            }
        }
    }
}
