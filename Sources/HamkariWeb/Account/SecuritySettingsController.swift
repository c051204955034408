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
            try await store.audit.append(AuditEvent(actor: identity.user.id.uuidString.lowercased(), action: .settingsChanged,
                                                    target: SettingsRepository.Key.requireSecondFactorRoles.rawValue))
            return try await page(request, context, identity, notice: renderer.localizer.string("saved", context.locale))
        }
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn, notice: String?) async throws -> HTMLPage {
        let required = Set((try await store.settings.value(.requireSecondFactorRoles) ?? "").split(separator: ",").map(String.init))
        var values: [String: Any] = [
            "csrf": identity.csrfToken ?? "",
            "roles": Role.allCases.map { role -> [String: Any] in
                ["value": role.rawValue, "name": renderer.localizer.string("role_\(role.rawValue)", context.locale),
                 "checked": required.contains(role.rawValue)]
            },
        ]
        if let notice { values["notice"] = notice }
        return renderer.render("security", title: renderer.localizer.string("security_title", context.locale), values: values,
                               networkName: try await store.networkName(), request: request, context: context)
    }
}
