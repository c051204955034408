import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// A colleague acting on a defender's behalf: raising an alert for them or reporting a threat against
/// them, by the login they know. Colleagues never see whether someone has a protection profile: the
/// answer is the same either way, and only a member of one of the defender's organisations is acted on.
struct ColleagueController: Sendable {
    let store: Store
    let renderer: PageRenderer
    let channels: MessageChannels

    struct ColleagueRequest: Decodable, Sendable {
        let login: String
        let action: String
        let kind: ThreatReport.Kind?
        let description: String?
    }

    struct Received: Encodable, Sendable {
        let received: Bool
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.post, "/api/v1/colleagues/report", .checkIn) { request, context, identity in
            let body = try await decode(ColleagueRequest.self, request, context)
            guard body.action == "alert" || (body.action == "threat" && body.kind != nil) else {
                throw AppError.invalid([ValidationIssue(field: "action", messageKey: "invalid_field_value")])
            }
            try await act(login: body.login, alert: body.action == "alert", kind: body.kind, description: body.description ?? "", identity)
            return JSONBody(value: Received(received: true), status: .accepted)
        }
        guarded.allowed(.post, "/checkin/colleague", .checkIn) { request, context, identity in
            var request = request
            let fields = try await FormFields.read(&request)
            let kind = fields["kind"].flatMap(ThreatReport.Kind.init(rawValue:))
            try await act(login: fields["login"] ?? "", alert: fields["kind"] == "alert", kind: kind, description: fields["description"] ?? "", identity)
            return renderer.render("error", title: renderer.localizer.string("colleague_title", context.locale),
                                   values: ["heading": renderer.localizer.string("colleague_title", context.locale),
                                            "message": renderer.localizer.string("colleague_received", context.locale), "issues": [[String: Any]]()],
                                   networkName: try await store.networkName(), request: request, context: context)
        }
    }

    /// Acts when the login belongs to a protected colleague of the same organisation; otherwise does nothing, silently.
    private func act(login: String, alert: Bool, kind: ThreatReport.Kind?, description: String, _ identity: SignedIn) async throws {
        let actor = identity.user.id.text
        guard let colleague = try await store.users.find(login: login.trimmingCharacters(in: .whitespaces).lowercased()),
              colleague.id != identity.user.id,
              let profile = try await store.defenders.find(account: colleague.id, viewer: actor),
              (profile.organisationIDs + [colleague.organisationID]).contains(identity.user.organisationID) else {
            try await store.audit.append(AuditEvent(actor: actor, action: .colleagueReport, target: "no protected colleague", outcome: .denied))
            return
        }
        if alert {
            _ = try await store.escalations.panic(profile.id, actor: actor, officers: try await EscalationService.officers(store))
            EscalationService.deliverSoon(store, channels)
        } else if let kind {
            try await store.protection.addThreat(ThreatReport(defenderID: profile.id, kind: kind, description: description, reportedBy: actor),
                                                 actor: actor)
        }
    }
}
