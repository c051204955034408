import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import Hummingbird

/// The coordinator's view of the audit log, newest first, and an on-demand verification.
struct AuditController: Sendable {
    static let pageSize = 50

    let store: Store
    let renderer: PageRenderer

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/audit", .viewAuditLog) { request, context, _ in
            let before = request.uri.queryParameters["before"].flatMap { Int64($0) }
            return try await page(request, context, before: before, report: nil)
        }
        guarded.allowed(.get, "/audit/verify", .viewAuditLog) { request, context, _ in
            try await page(request, context, before: nil, report: try await store.audit.verify())
        }
    }

    private func page(
        _ request: Request, _ context: AppRequestContext, before: Int64?, report: AuditVerifier.Report?
    ) async throws -> HTMLPage {
        let entries = try await store.audit.recent(limit: Self.pageSize, before: before)
        var values: [String: Any] = [
            "entries": entries.map { entry -> [String: Any] in
                ["sequence": entry.sequence, "time": Date(timeIntervalSince1970: TimeInterval(entry.time)).internetTime,
                 "actor": entry.actor, "action": entry.action, "target": entry.target, "outcome": entry.outcome]
            },
        ]
        if entries.count == Self.pageSize, let last = entries.last { values["older"] = last.sequence }
        if let report {
            values["verified"] = true
            values["intact"] = report.isIntact
            values["count"] = report.entryCount
            values["problems"] = report.problems
        }
        return renderer.render("audit", title: renderer.localizer.string("audit_title", context.locale), values: values,
                               networkName: try await store.networkName(), request: request, context: context)
    }
}
