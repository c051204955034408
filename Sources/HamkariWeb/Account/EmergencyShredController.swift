import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Emergency destruction of the keys from the web, which takes **two** coordinators: one asks (typing
/// SHRED), a different one confirms within 15 minutes. Then every key file in the data directory is
/// overwritten and deleted, and the server stops. Each step is audited.
struct EmergencyShredController: Sendable {
    let store: Store
    let renderer: PageRenderer
    let keyEnvelope: URL?
    let afterShred: @Sendable () -> Void

    static let window: TimeInterval = 15 * 60
    static let confirmation = "SHRED"

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.post, "/admin/security/shred", .manageUsers) { request, context, identity in
            let fields = try await Self.form(request)
            guard fields["confirm"] == Self.confirmation else { return try await answer("shred_not_confirmed", request, context, status: .badRequest) }
            guard keyEnvelope != nil else { return try await answer("shred_unavailable", request, context, status: .serviceUnavailable) }
            try await store.settings.set(.shredRequest, to: "\(identity.user.id.text) \(Int64(Date().timeIntervalSince1970))")
            try await store.audit.append(AuditEvent(actor: identity.user.id.text, action: .keysShredRequested, target: "keys"))
            return try await answer("shred_requested", request, context)
        }
        guarded.allowed(.post, "/admin/security/shred/confirm", .manageUsers) { request, context, identity in
            let fields = try await Self.form(request)
            guard fields["confirm"] == Self.confirmation else { return try await answer("shred_not_confirmed", request, context, status: .badRequest) }
            guard let envelope = keyEnvelope else { return try await answer("shred_unavailable", request, context, status: .serviceUnavailable) }
            let me = identity.user.id.text
            let parts = (try await store.settings.value(.shredRequest) ?? "").split(separator: " ").map(String.init)
            guard parts.count == 2, let asked = TimeInterval(parts[1]), Date().timeIntervalSince1970 - asked <= Self.window else {
                return try await answer("shred_no_request", request, context, status: .conflict)
            }
            guard parts[0] != me else { return try await answer("shred_second_needed", request, context, status: .conflict) }
            try await store.audit.append(AuditEvent(actor: me, action: .keysShredded, target: "keys (asked by \(parts[0]))"))
            try await store.settings.set(.shredRequest, to: "")
            try KeyDirectory(dataDirectory: envelope.deletingLastPathComponent().deletingLastPathComponent()).shred()
            // The answer goes out first; then the process ends and the keys in its memory with it.
            let stop = afterShred
            Task {
                try? await Task.sleep(for: .milliseconds(300))
                stop()
            }
            return try await answer("shred_done", request, context)
        }
    }

    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        return try await FormFields.read(&request)
    }

    private func answer(_ key: String, _ request: Request, _ context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let text = renderer.localizer.string(key, context.locale)
        return try renderer.render("error", title: renderer.localizer.string("shred_title", context.locale),
                                   values: ["heading": renderer.localizer.string("shred_title", context.locale), "message": text,
                                            "issues": [[String: Any]]()],
                                   networkName: try await store.networkName(), request: request, context: context, status: status)
            .response(from: request, context: context)
    }
}
