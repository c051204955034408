import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import Hummingbird

/// Signing in (password, then the second factor when it is on) and out. A failed sign-in says the
/// same thing, after the same work, whether the login exists, the password is wrong or the account
/// is disabled; failures are throttled per account and per address and every attempt is audited.
struct AuthController: Sendable {
    static let loginPath = "/login"
    static let secondFactorPath = "/login/2fa"
    static let anonymous = "anonymous"

    let store: Store
    let renderer: PageRenderer
    let verifier: PasswordVerifier
    let sessionCookie: SessionCookie
    let loginCookie: LoginFormCookie
    let clock: @Sendable () -> Date
    let clientAddress: ClientAddress
    /// Where a duress sign-in's alert goes.
    let channels: MessageChannels

    func addRoutes(to guarded: GuardedRouter) {
        guarded.open(.get, Self.loginPath) { request, context in
            try await loginPage(request, context, next: request.uri.queryParameters["next"].map(String.init) ?? "/")
        }
        guarded.open(.post, Self.loginPath) { request, context in try await signIn(request, context) }
        guarded.open(.get, Self.secondFactorPath) { request, context in
            guard context.identity?.secondFactorPending == true else { return Response.redirect(to: Self.loginPath) }
            return try await secondFactorPage(request, context, error: nil)
        }
        guarded.open(.post, Self.secondFactorPath) { request, context in try await secondFactor(request, context) }
        guarded.allowed(.post, "/logout", .manageOwnAccount) { _, _, identity in
            if let token = identity.sessionToken { try await store.sessions.delete(token: token) }
            try await store.audit.append(AuditEvent(actor: identity.user.id.text, action: .signedOut, target: "session"))
            return signedOutResponse()
        }
        guarded.allowed(.post, "/logout/everywhere", .manageOwnAccount) { _, _, identity in
            try await store.sessions.deleteAll(for: identity.user.id)
            try await store.audit.append(AuditEvent(actor: identity.user.id.text, action: .signedOutEverywhere,
                                                    target: identity.user.id.text))
            return signedOutResponse()
        }
    }

    private func signedOutResponse() -> Response {
        var response = Response.redirect(to: Self.loginPath)
        response.setCookie(sessionCookie.expired())
        return response
    }

    private func loginPage(
        _ request: Request, _ context: AppRequestContext, next: String, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let formToken = OpaqueToken().value
        let locale = context.locale
        var values: [String: Any] = ["formToken": formToken, "next": Self.safeNext(next)]
        if let error { values["error"] = error }
        var response = try renderer.render(
            "login", title: renderer.localizer.string("login_title", locale), values: values,
            networkName: try await store.networkName(), request: request, context: context, status: status
        ).response(from: request, context: context)
        response.setCookie(loginCookie.make(formToken))
        return response
    }

    private func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        var request = request
        let fields = try await FormFields.read(&request)
        let login = (fields["login"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = fields["password"] ?? ""
        let next = fields["next"] ?? "/"
        let accountKey = "account:" + store.keys.blindIndex.index(of: login)
        let addressKey = "address:" + clientAddress.of(request, peer: context.remoteAddress)
        let now = clock()
        let locked = max(try await store.throttle.lockedSeconds(accountKey, now: now),
                         try await store.throttle.lockedSeconds(addressKey, now: now))
        if locked > 0 {
            try await store.audit.append(AuditEvent(actor: Self.anonymous, action: .loginLocked, target: accountKey.prefix(24).description, outcome: .denied))
            return try await loginPage(request, context, next: next, error: renderer.localizer.string("login_locked", context.locale),
                                       status: .tooManyRequests)
        }
        let user = UserAccount.isValidLogin(login) ? try await store.users.find(login: login) : nil
        let storedHash = UserAccount.isValidLogin(login) ? try await store.users.passwordHash(login: login) : nil
        var matches = await verifier.verify(password, against: storedHash)
        var duress = false
        if !matches, let user, user.status == .active, let duressHash = try await store.users.duressHash(login: login),
           await verifier.verify(password, against: duressHash) {
            // Signed in under coercion: it must look like any sign-in.
            matches = true
            duress = true
        }
        guard matches, let user, user.status == .active else {
            try await store.throttle.recordFailure(accountKey, now: now)
            try await store.throttle.recordFailure(addressKey, now: now)
            try await store.audit.append(AuditEvent(actor: Self.anonymous, action: .loginFailed,
                                                    target: user?.id.text ?? "unknown", outcome: .failed))
            return try await loginPage(request, context, next: next, error: renderer.localizer.string("login_failed", context.locale),
                                       status: .unauthorized)
        }
        try await store.throttle.reset(accountKey)
        if duress { try await DuressResponse(store: store, channels: channels).raise(for: user) }
        let secondFactor = try await store.twoFactor.state(of: user.id).enabled
        let token = try await store.sessions.create(for: user.id, secondFactorPending: secondFactor)
        try await store.audit.append(AuditEvent(actor: user.id.text, action: .loginSucceeded,
                                                target: user.id.text))
        var response = Response.redirect(to: secondFactor ? Self.secondFactorPath : Self.safeNext(next))
        response.setCookie(sessionCookie.make(token.value))
        return response
    }

    private func secondFactorPage(_ request: Request, _ context: AppRequestContext, error: String?) async throws -> Response {
        var values: [String: Any] = ["csrf": context.identity?.csrfToken ?? ""]
        if let error { values["error"] = error }
        return try renderer.render(
            "second-factor", title: renderer.localizer.string("second_factor_title", context.locale), values: values,
            networkName: try await store.networkName(), request: request, context: context,
            status: error == nil ? .ok : .unauthorized
        ).response(from: request, context: context)
    }

    private func secondFactor(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let identity = context.identity, identity.secondFactorPending, let token = identity.sessionToken else {
            return Response.redirect(to: Self.loginPath)
        }
        var request = request
        let code = (try await FormFields.read(&request))["code"] ?? ""
        let userID = identity.user.id
        let key = "2fa:" + userID.text
        let now = clock()
        if try await store.throttle.lockedSeconds(key, now: now) > 0 {
            return try await secondFactorPage(request, context, error: renderer.localizer.string("login_locked", context.locale))
        }
        let state = try await store.twoFactor.state(of: userID)
        var accepted = false
        if let secret = state.secret, let counter = TwoFactor.counter(matching: code, secret: secret, at: now) {
            accepted = try await store.twoFactor.useCounter(counter, for: userID)
        } else if code.count >= 10 {
            accepted = try await store.twoFactor.consumeRecoveryCode(hash: TwoFactor.recoveryCodeHash(code), for: userID)
        }
        guard accepted else {
            try await store.throttle.recordFailure(key, now: now)
            try await store.audit.append(AuditEvent(actor: userID.text, action: .secondFactorFailed,
                                                    target: userID.text, outcome: .failed))
            return try await secondFactorPage(request, context, error: renderer.localizer.string("second_factor_failed", context.locale))
        }
        try await store.throttle.reset(key)
        try await store.sessions.completeSecondFactor(token: token)
        return Response.redirect(to: "/")
    }

    /// Only a path on this site: never `//elsewhere` or `https://…`, which would make sign-in an open redirect.
    /// Checked on the UTF-8 bytes: compared as characters, `//́elsewhere` (a combining mark on the second slash) and a
    /// line break written CRLF (one character, equal to neither `\r` nor `\n`) would pass.
    static func safeNext(_ next: String) -> String {
        let bytes = Array(next.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count < 2 || (bytes[1] != UInt8(ascii: "/") && bytes[1] != UInt8(ascii: "\\")),
              !bytes.contains(UInt8(ascii: "\r")), !bytes.contains(UInt8(ascii: "\n")) else { return "/" }
        return next
    }
}
