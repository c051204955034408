import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Coordinators choose which roles must use two-step verification.
struct SecuritySettingsController: Sendable {
    let store: Store
    let renderer: PageRenderer

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/admin/security", .manageUsers) { request, context, identity in
            try await page(request, context, identity, notice: nil)
        }
        guarded.allowed(.post, "/admin/security", .manageUsers) { request, context, identity in
            var request = request
            let fields = try await FormFields.read(&request)
            let roles = Role.allCases.filter { fields["role_\($0.rawValue)"] == "on" }.map(\.rawValue)
            try await store.settings.set(.requireSecondFactorRoles, to: roles.joined(separator: ","))
            try await store.audit.append(AuditEvent(actor: identity.user.id.text, action: .settingsChanged,
                                                    target: SettingsRepository.Key.requireSecondFactorRoles.rawValue))
            return try await page(request, context, identity, notice: renderer.localizer.string("saved", context.locale))
        }
        guarded.allowed(.post, "/admin/security/compromised", .manageUsers) { request, context, identity in
            var request = request
            let fields = try await FormFields.read(&request)
            let login = fields["login"] ?? ""
            guard let user = try await store.users.find(login: login), user.id != identity.user.id else {
                return try await page(request, context, identity, notice: nil, problem: renderer.localizer.string("compromised_unknown", context.locale))
            }
            let revoked = try await store.users.markCompromised(user.id, actor: identity.user.id.text)
            let notice = renderer.localizer.string("compromised_done", context.locale)
                .replacingOccurrences(of: "{tokens}", with: Numerals.format(revoked, for: context.locale))
            return try await page(request, context, identity, notice: notice)
        }
        guarded.allowed(.post, "/admin/security/restore", .manageUsers) { request, context, identity in
            var request = request
            let fields = try await FormFields.read(&request)
            guard let user = try await store.users.find(login: fields["login"] ?? ""), user.sealedAccessSuspended else {
                return try await page(request, context, identity, notice: nil, problem: renderer.localizer.string("restore_unknown", context.locale))
            }
            try await store.users.setSealedAccessSuspended(false, for: user.id, actor: identity.user.id.text)
            return try await page(request, context, identity, notice: renderer.localizer.string("restore_done", context.locale))
        }
        guarded.allowed(.post, "/api/v1/users/compromised", .manageUsers) { request, context, identity in
            let body = try await decode(CompromisedRequest.self, request, context)
            guard let user = try await store.users.find(login: body.login), user.id != identity.user.id else { throw AppError.notFound }
            let revoked = try await store.users.markCompromised(user.id, actor: identity.user.id.text)
            return JSONBody(value: CompromisedResponse(login: body.login, status: UserAccount.Status.disabled.rawValue, revokedTokens: revoked))
        }
    }

    struct CompromisedRequest: Decodable, Sendable {
        let login: String
    }

    struct CompromisedResponse: Encodable, Sendable {
        let login: String
        let status: String
        let revokedTokens: Int
    }

    private func page(
        _ request: Request, _ context: AppRequestContext, _ identity: SignedIn, notice: String?, problem: String? = nil
    ) async throws -> HTMLPage {
        let required = Set((try await store.settings.value(.requireSecondFactorRoles) ?? "").split(separator: ",").map(String.init))
        var values: [String: Any] = [
            "csrf": identity.csrfToken ?? "",
            "roles": Role.allCases.map { role -> [String: Any] in
                ["value": role.rawValue, "name": renderer.localizer.string("role_\(role.rawValue)", context.locale),
                 "checked": required.contains(role.rawValue)]
            },
        ]
        if let notice { values["notice"] = notice }
        if let problem { values["problem"] = problem }
        return renderer.render("security", title: renderer.localizer.string("security_title", context.locale), values: values,
                               networkName: try await store.networkName(), request: request, context: context)
    }
}
