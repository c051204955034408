import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Threats, risk assessments and protection cases, on the defender's page and the case page.
struct ProtectionCasesController: Sendable {
    let store: Store
    let renderer: PageRenderer
    var localizer: Localizer { renderer.localizer }
    var inputs: ProtectionInputs { ProtectionInputs(store: store) }

    struct ThreatInput: Decodable, Sendable {
        let kind: ThreatReport.Kind
        let date: String?
        let calendar: String?
        let perpetratorType: String?
        let description: String?
        let provincePcode: String?
        let districtPcode: String?
        /// The reference of a documented event it belongs to, such as TAK-1405-0042.
        let eventReference: String?
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.post, "/protection/defenders/{id}/threats", .manageProtection) { request, context, identity in
            let defender = try await inputs.profile(context, identity).id
            let fields = try await form(request)
            guard let kind = fields["kind"].flatMap(ThreatReport.Kind.init(rawValue:)) else { throw AppError.badRequest }
            let report = try await inputs.threat(defender, kind: kind, date: fields["date"], calendar: fields["calendar"],
                                          perpetratorType: fields["perpetrator_type"], description: fields["description"] ?? "",
                                          place: (fields["province"], fields["district"]), eventReference: fields["event"], identity)
            try await store.protection.addThreat(report, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(defender.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/defenders/{id}/assessments", .manageProtection) { request, context, identity in
            let defender = try await inputs.profile(context, identity).id
            let fields = try await form(request)
            func lines(_ name: String) -> [String] {
                (fields[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let assessment = try ProtectionInputs.assessment(
                of: defender, level: fields["level"].flatMap(RiskAssessment.Level.init(rawValue:)),
                findings: .init(threats: lines("threats"), vulnerabilities: lines("vulnerabilities"), capacities: lines("capacities"),
                                reasoning: fields["reasoning"] ?? ""),
                reviewInDays: try ProtectionInputs.number(fields["review_days"], field: "reviewInDays"), by: identity)
            try await store.protection.addAssessment(assessment, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(defender.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/defenders/{id}/cases", .manageProtection) { request, context, identity in
            let defender = try await inputs.profile(context, identity).id
            let fields = try await form(request)
            let opened = try await store.protection.openCase(
                try await inputs.newCase(for: defender, fromThreat: fields["threat"], officer: identity.user.id), actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(opened.id.text)", type: .found)
        }
        guarded.allowed(.get, "/protection/cases/{id}", .manageProtection) { request, context, identity in
            try await casePage(try await Self.protectionCase(context, store), request, context, identity)
        }
        guarded.allowed(.post, "/protection/cases/{id}/measures", .manageProtection) { request, context, identity in
            let item = try await Self.openCase(context, store)
            let fields = try await form(request)
            guard let kind = fields["kind"].flatMap(ProtectionMeasure.Kind.init(rawValue:)) else { throw AppError.badRequest }
            let measure = ProtectionMeasure(kind: kind, status: fields["status"].flatMap(ProtectionMeasure.Status.init(rawValue:)) ?? .planned,
                                            followUpBy: try followUp(fields["follow_up_days"]), notes: fields["notes"] ?? "")
            try await store.protection.addMeasure(measure, to: item.id, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(item.id.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/cases/{id}/measures/{measure}", .manageProtection) { request, context, identity in
            let item = try await Self.openCase(context, store)
            let fields = try await form(request)
            guard let measure = context.parameters.get("measure").flatMap(UUID.init(uuidString:)),
                  let status = fields["status"].flatMap(ProtectionMeasure.Status.init(rawValue:)) else { throw AppError.badRequest }
            try await store.protection.updateMeasure(measure, in: item.id, status: status, followUpBy: try followUp(fields["follow_up_days"]),
                                                     actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(item.id.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/cases/{id}/close", .manageProtection) { _, context, identity in
            let item = try await Self.openCase(context, store)
            try await store.protection.closeCase(item.id, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(item.id.text)", type: .found)
        }
    }

    private func form(_ request: Request) async throws -> [String: String] {
        var request = request
        return try await FormFields.read(&request)
    }

    private func followUp(_ text: String?) throws -> Date? {
        try ProtectionInputs.followUp(days: try ProtectionInputs.number(text, field: "followUpInDays"))
    }

    static func protectionCase(_ context: AppRequestContext, _ store: Store) async throws -> ProtectionCase {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let item = try await store.protection.findCase(id) else { throw AppError.notFound }
        return item
    }

    /// A case that can still change; a closed one answers 409.
    static func openCase(_ context: AppRequestContext, _ store: Store) async throws -> ProtectionCase {
        let item = try await protectionCase(context, store)
        guard item.status == .open else { throw AppError(status: .conflict, code: "case_closed", messageKey: "error_case_closed") }
        return item
    }

    private func casePage(_ item: ProtectionCase, _ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let locale = context.locale
        let now = Date()
        func day(_ date: Date?) -> String { date.map { DateDisplay.day($0, calendar: context.calendar, locale: locale) } ?? "" }
        let profile = try await store.defenders.find(id: item.defenderID, viewer: identity.user.id.text)
        let values: [String: Any] = [
            "csrf": identity.csrfToken ?? "", "id": item.id.text, "caseID": item.id.text, "defender": profile?.identity.name ?? "", "defenderID": item.defenderID.text,
            "origin": localizer.string("case_origin_\(item.origin.rawValue)", locale), "open": item.status == .open,
            "status": localizer.string("case_status_\(item.status.rawValue)", locale), "opened": day(item.openedAt),
            "measures": item.measures.map { measure -> [String: Any] in
                [
                    "id": measure.id.text, "kind": localizer.string("measure_\(measure.kind.rawValue)", locale),
                    "status": localizer.string("measure_status_\(measure.status.rawValue)", locale), "followUp": day(measure.followUpBy),
                    "overdue": measure.isOverdue(at: now), "notes": measure.notes,
                    "statuses": ProtectionMeasure.Status.allCases.map { ["value": $0.rawValue, "label": localizer.string("measure_status_\($0.rawValue)", locale),
                                                                         "selected": $0 == measure.status] },
                ]
            },
            "kinds": ProtectionMeasure.Kind.allCases.map { ["value": $0.rawValue, "label": localizer.string("measure_\($0.rawValue)", locale)] },
            "timeline": try await store.protection.timeline(of: item.id).map { entry -> [String: Any] in
                ["when": DateDisplay.moment(entry.time, calendar: context.calendar, locale: locale), "what": Self.describe(entry.entry, localizer, locale)]
            },
        ]
        return renderer.render("protection-case", title: localizer.string("case_title", locale), values: values,
                               networkName: try await store.networkName(), request: request, context: context)
    }

    /// A timeline entry (`opened:alert`, `measure:relocation:done`, `closed`) in the reader's language.
    static func describe(_ entry: String, _ localizer: Localizer, _ locale: AppLocale) -> String {
        let parts = entry.split(separator: ":").map(String.init)
        switch parts.first {
        case "opened": return localizer.string("case_opened", locale) + " — " + localizer.string("case_origin_\(parts.last ?? "")", locale)
        case "measure" where parts.count == 3:
            return localizer.string("measure_\(parts[1])", locale) + ": " + localizer.string("measure_status_\(parts[2])", locale)
        case "closed": return localizer.string("case_closed", locale)
        default: return entry
        }
    }
}
