import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import Hummingbird

/// One's own account: password change (which ends every other session) and two-step verification.
struct AccountController: Sendable {
    let store: Store
    let renderer: PageRenderer
    let verifier: PasswordVerifier
    let sessionCookie: SessionCookie
    let clock: @Sendable () -> Date

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/account", .manageOwnAccount) { request, context, identity in
            try await accountPage(request, context, identity)
        }
        guarded.allowed(.post, "/account/password", .manageOwnAccount) { request, context, identity in
            try await changePassword(request, context, identity)
        }
        guarded.allowed(.post, "/account/duress", .manageOwnAccount) { request, context, identity in
            try await setDuressPassword(request, context, identity)
        }
        guarded.allowed(.post, "/account/preferences", .manageOwnAccount) { request, _, identity in
            var request = request
            let fields = try await FormFields.read(&request)
            try await store.users.setPreferences(
                locale: fields["locale"].flatMap(AppLocale.init(rawValue:)), calendar: fields["calendar"].flatMap(CalendarSystem.init(rawValue:)),
                for: identity.user.id)
            return Response.redirect(to: "/account")
        }
        guarded.allowed(.get, "/account/2fa", .manageOwnAccount) { request, context, identity in
            try await twoFactorPage(request, context, identity, secret: TwoFactor.newSecret(), error: nil)
        }
        guarded.allowed(.post, "/account/2fa", .manageOwnAccount) { request, context, identity in
            try await enableTwoFactor(request, context, identity)
        }
    }

    private func accountPage(
        _ request: Request, _ context: AppRequestContext, _ identity: SignedIn,
        notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let locale = context.locale
        let organisation = try await store.organisations.find(id: identity.user.organisationID)
        var values: [String: Any] = [
            "login": identity.user.login,
            "role": renderer.localizer.string("role_\(identity.user.role.rawValue)", locale),
            "organisation": organisation?.names.name(in: locale) ?? "",
            "twoFactorOn": try await store.twoFactor.state(of: identity.user.id).enabled,
            "csrf": identity.csrfToken ?? "",
            "locales": AppLocale.allCases.map { option -> [String: Any] in
                ["value": option.rawValue, "name": option.nativeName, "selected": option == identity.user.locale]
            },
            "calendars": CalendarSystem.allCases.map { option -> [String: Any] in
                ["value": option.rawValue, "selected": option == identity.user.calendar,
                 "name": renderer.localizer.string(option == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri", locale)]
            },
        ]
        if let notice { values["notice"] = notice }
        if let error { values["error"] = error }
        return try renderer.render("account", title: renderer.localizer.string("account_title", locale), values: values,
                                   networkName: try await store.networkName(), request: request, context: context, status: status)
            .response(from: request, context: context)
    }

    private func changePassword(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> Response {
        var request = request
        let fields = try await FormFields.read(&request)
        let localizer = renderer.localizer
        let current = fields["current"] ?? ""
        let new = fields["new"] ?? ""
        let storedHash = try await store.users.passwordHash(login: identity.user.login)
        guard await verifier.verify(current, against: storedHash) else {
            return try await accountPage(request, context, identity, error: localizer.string("password_wrong", context.locale), status: .badRequest)
        }
        if let key = Self.policyProblem(new, login: identity.user.login) {
            return try await accountPage(request, context, identity, error: localizer.string(key, context.locale), status: .badRequest)
        }
        let hash = try await verifier.hash(new)
        let actor = identity.user.id.text
        try await store.users.setPasswordHash(hash, for: identity.user.id, actor: actor, action: .passwordChanged)
        // Every session ended with the change; this browser gets a fresh one.
        let token = try await store.sessions.create(for: identity.user.id, secondFactorPending: false)
        var response = Response.redirect(to: "/account")
        response.setCookie(sessionCookie.make(token.value))
        return response
    }

    /// The duress password: signing in with it looks ordinary but suspends sealed access and alerts the protection officers.
    private func setDuressPassword(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> Response {
        var request = request
        let fields = try await FormFields.read(&request)
        let localizer = renderer.localizer
        let current = fields["current"] ?? ""
        let duress = fields["duress"] ?? ""
        let storedHash = try await store.users.passwordHash(login: identity.user.login)
        guard await verifier.verify(current, against: storedHash) else {
            return try await accountPage(request, context, identity, error: localizer.string("password_wrong", context.locale), status: .badRequest)
        }
        if let key = Self.policyProblem(duress, login: identity.user.login) {
            return try await accountPage(request, context, identity, error: localizer.string(key, context.locale), status: .badRequest)
        }
        if await verifier.verify(duress, against: storedHash) {
            return try await accountPage(request, context, identity, error: localizer.string("duress_same", context.locale), status: .badRequest)
        }
        try await store.users.setDuressHash(try await verifier.hash(duress), for: identity.user.id, actor: identity.user.id.text)
        return try await accountPage(request, context, identity, notice: localizer.string("duress_saved", context.locale))
    }

    /// The message key for a password the policy refuses, or nil.
    static func policyProblem(_ password: String, login: String) -> String? {
        PasswordPolicy.check(password, login: login).map { problem in
            switch problem {
            case .tooShort: "password_too_short"
            case .tooLong: "password_too_long"
            case .tooCommon: "password_too_common"
            }
        }
    }

    private func twoFactorPage(
        _ request: Request, _ context: AppRequestContext, _ identity: SignedIn, secret: String?, error: String?,
        recoveryCodes: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let enabled = try await store.twoFactor.state(of: identity.user.id).enabled
        let networkName = try await store.networkName()
        var values: [String: Any] = [
            "csrf": identity.csrfToken ?? "",
            "required": request.uri.queryParameters["required"] != nil,
            "recoveryCodes": recoveryCodes,
            "hasRecoveryCodes": !recoveryCodes.isEmpty,
            "alreadyOn": enabled && recoveryCodes.isEmpty,
        ]
        if !enabled, let secret {
            values["secret"] = secret
            values["uri"] = TwoFactor.authenticatorURI(secret: secret, login: identity.user.login, issuer: "Hamkari")
        }
        if let error { values["error"] = error }
        return try renderer.render("two-factor-setup", title: renderer.localizer.string("second_factor_title", context.locale),
                                   values: values, networkName: networkName, request: request, context: context, status: status)
            .response(from: request, context: context)
    }

    /// The secret travels in the form (the page shows it anyway), so showing the set-up page changes nothing.
    private func enableTwoFactor(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> Response {
        var request = request
        let fields = try await FormFields.read(&request)
        let secret = fields["secret"] ?? ""
        guard secret.count == 32, secret.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else { throw AppError.badRequest }
        guard let counter = TwoFactor.counter(matching: fields["code"] ?? "", secret: secret, at: clock()) else {
            return try await twoFactorPage(request, context, identity, secret: secret,
                                           error: renderer.localizer.string("second_factor_failed", context.locale), status: .badRequest)
        }
        let codes = TwoFactor.newRecoveryCodes()
        try await store.twoFactor.setPendingSecret(secret, for: identity.user.id)
        try await store.twoFactor.enable(for: identity.user.id, counter: counter, recoveryCodeHashes: codes.map(TwoFactor.recoveryCodeHash))
        return try await twoFactorPage(request, context, identity, secret: nil, error: nil, recoveryCodes: codes)
    }
}
