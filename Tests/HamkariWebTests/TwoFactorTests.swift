import Foundation
import HamkariCore
import HamkariStore
@testable import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Two-step verification")
struct TwoFactorTests {
    static func code(_ secret: String, at date: Date = Date()) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: date))
    }

    @Test("RFC 6238 test vectors (SHA-1, 8 digits) through the TOTP we use", arguments: [
        (59, 94287082), (1_111_111_109, 7081804), (1_111_111_111, 14050471), (1_234_567_890, 89005924),
        (2_000_000_000, 69279037), (20_000_000_000, 65353130),
    ])
    func rfc6238(time: Int, expected: Int) {
        #expect(TOTP(secret: "12345678901234567890", length: 8).compute(date: Date(timeIntervalSince1970: TimeInterval(time))) == expected)
    }

    @Test("Codes of the current step and one step either side are accepted; others are not")
    func window() {
        let secret = TwoFactor.newSecret()
        let now = Date(timeIntervalSince1970: 1_800_000_015)
        for offset in [-30.0, 0, 30] {
            #expect(TwoFactor.counter(matching: Self.code(secret, at: now.addingTimeInterval(offset)), secret: secret, at: now) != nil)
        }
        #expect(TwoFactor.counter(matching: Self.code(secret, at: now.addingTimeInterval(90)), secret: secret, at: now) == nil)
        #expect(TwoFactor.counter(matching: "12345", secret: secret, at: now) == nil)
        #expect(TwoFactor.counter(matching: "۱۲۳۴۵۶", secret: secret, at: now) == nil)
        #expect(TwoFactor.authenticatorURI(secret: secret, login: "a.b", issuer: "Hamkari").hasPrefix("otpauth://totp/Hamkari:a.b?secret="))
    }

    @Test("Enrol, then sign in with a code (once only) or a recovery code (once only); seeds are sealed", arguments: TestDatabase.all)
    func flow(database: TestDatabase) async throws {
        // Time stands still, so a slow run cannot step into the next 30-second window between two posts.
        let now = Date()
        try await withTestApplication(database, clock: { now }) { client, session async throws in
            let page = try await client.execute(uri: "/account/2fa", method: .get, headers: session.pages) { $0.body.text }
            let secret = try #require(Scrape.field("secret", in: page))
            #expect(page.contains("otpauth://totp/"))
            let wrong = try await client.post("/account/2fa", session: session.pages, csrf: session.csrf, fields: ["secret": secret, "code": "000000"])
            #expect(wrong.status == .badRequest)
            let enabled = try await client.post("/account/2fa", session: session.pages, csrf: session.csrf,
                                                fields: ["secret": secret, "code": Self.code(secret, at: now)])
            #expect(enabled.status == .ok)
            let codes = enabled.body.text.components(separatedBy: "<code>").dropFirst().compactMap { $0.components(separatedBy: "</code>").first }
            #expect(codes.count == 10)
            let stored = try await session.store.backend.read { db async throws in
                try await db.raw("SELECT totp_sealed FROM users WHERE totp_enabled = 1").first()?.decode(column: "totp_sealed", as: Data.self)
            }
            #expect(try #require(stored).range(of: Data(secret.utf8)) == nil)

            // Signing in now stops at the second step; other pages wait for it.
            let signedIn = try await client.signIn(login: session.coordinatorLogin, password: session.coordinatorPassword)
            #expect(signedIn.headers[.location] == AuthController.secondFactorPath)
            let pending = [HTTPField.Name.cookie: try #require(Scrape.cookie("hamkari_session", in: signedIn))] as HTTPFields
            try await client.execute(uri: "/organisations", method: .get, headers: pending) { response async throws in
                #expect(response.status == .seeOther)
            }
            let form = try await client.execute(uri: AuthController.secondFactorPath, method: .get, headers: pending) { $0.body.text }
            let csrf = try #require(Scrape.field("csrf_token", in: form))
            // The code used to enable is spent: the same code cannot be replayed.
            let replay = try await client.post(AuthController.secondFactorPath, session: pending, csrf: csrf, fields: ["code": Self.code(secret, at: now)])
            #expect(replay.status == .unauthorized)
            let recovery = try await client.post(AuthController.secondFactorPath, session: pending, csrf: csrf, fields: ["code": codes[0]])
            #expect(recovery.status == .seeOther)
            try await client.execute(uri: "/organisations", method: .get, headers: pending) { response async throws in
                #expect(response.status == .ok)
            }
            let again = try await client.signIn(login: session.coordinatorLogin, password: session.coordinatorPassword)
            let second = [HTTPField.Name.cookie: try #require(Scrape.cookie("hamkari_session", in: again))] as HTTPFields
            let secondForm = try await client.execute(uri: AuthController.secondFactorPath, method: .get, headers: second) { $0.body.text }
            let reused = try await client.post(AuthController.secondFactorPath, session: second,
                                               csrf: try #require(Scrape.field("csrf_token", in: secondForm)), fields: ["code": codes[0]])
            #expect(reused.status == .unauthorized, "a recovery code works once")
        }
    }

    @Test("Coordinators can require two-step verification for a role; its members must enrol before anything else")
    func required() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let documenter = try await session.signIn(as: .documenter)
            let denied = try await client.post("/admin/security", session: documenter.pages, csrf: documenter.csrf, fields: ["role_documenter": "on"])
            #expect(denied.status == .forbidden)
            let saved = try await client.post("/admin/security", session: session.pages, csrf: session.csrf, fields: ["role_documenter": "on"])
            #expect(saved.status == .ok)
            #expect(try await session.store.settings.value(.requireSecondFactorRoles) == "documenter")
            try await client.execute(uri: "/organisations", method: .get, headers: documenter.pages) { response async throws in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/account/2fa?required=1")
            }
            try await client.execute(uri: "/account/2fa?required=1", method: .get, headers: documenter.pages) { response async throws in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("Your role must use two-step verification"))
            }
            try await client.execute(uri: "/organisations", method: .get, headers: session.pages) { response async throws in
                #expect(response.status == .ok, "coordinators are not in the required list")
            }
        }
    }
}

@Suite("Second-factor page")
struct SecondFactorPageTests {
    @Test("Someone who still owes the second factor sees no menu and no account")
    func noMenuWhilePending() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let user = try #require(try await session.store.users.find(login: session.coordinatorLogin))
            let token = try await session.store.sessions.create(for: user.id, secondFactorPending: true)
            try await client.execute(uri: AuthController.secondFactorPath, method: .get,
                                     headers: [.cookie: "\(TestSession.sessionCookie)=\(token.value)"]) { response async throws in
                #expect(response.status == .ok)
                let html = response.body.text
                #expect(html.contains("name=\"code\""))
                #expect(!html.contains("href=\"/organisations\"") && !html.contains("action=\"/logout\""))
            }
        }
    }
}
