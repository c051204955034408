import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Threats, risk assessments and protection cases, on the defender's page and the case page.
struct ProtectionCasesController: Sendable {
    let store: Store
    let renderer: PageRenderer
    var localizer: Localizer { renderer.localizer }

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

    struct CaseDocument: Encodable, Sendable {
        struct Measure: Encodable, Sendable {
            let id: String
            let kind: String
            let status: String
            let followUpBy: String?
            let overdue: Bool
        }
        let id: String
        let origin: String
        let status: String
        let openedAt: String
        let measures: [Measure]
    }

    struct CaseList: Encodable, Sendable {
        let cases: [CaseDocument]
    }

    struct Created: Encodable, Sendable {
        let id: String
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.post, "/api/v1/defenders/{id}/threats", .manageProtection) { request, context, identity in
            let defender = try await defenderID(context, identity)
            let input = try await decode(ThreatInput.self, request, context)
            let report = try await threat(defender, kind: input.kind, date: input.date, calendar: input.calendar,
                                          perpetratorType: input.perpetratorType, description: input.description ?? "",
                                          place: (input.provincePcode, input.districtPcode), eventReference: input.eventReference, identity)
            try await store.protection.addThreat(report, actor: identity.user.id.text)
            return JSONBody(value: Created(id: report.id.text), status: .created)
        }
        guarded.allowed(.get, "/api/v1/defenders/{id}/cases", .manageProtection) { _, context, identity in
            let defender = try await defenderID(context, identity)
            let iso = ISO8601DateFormatter()
            let now = Date()
            return JSONBody(value: CaseList(cases: try await store.protection.cases(of: defender).map { item in
                CaseDocument(id: item.id.text, origin: item.origin.rawValue, status: item.status.rawValue, openedAt: iso.string(from: item.openedAt),
                             measures: item.measures.map {
                                 .init(id: $0.id.text, kind: $0.kind.rawValue, status: $0.status.rawValue,
                                       followUpBy: $0.followUpBy.map(iso.string(from:)), overdue: $0.isOverdue(at: now))
                             })
            }))
        }
        guarded.allowed(.post, "/protection/defenders/{id}/threats", .manageProtection) { request, context, identity in
            let defender = try await defenderID(context, identity)
            let fields = try await form(request)
            guard let kind = fields["kind"].flatMap(ThreatReport.Kind.init(rawValue:)) else { throw AppError.badRequest }
            let report = try await threat(defender, kind: kind, date: fields["date"], calendar: fields["calendar"],
                                          perpetratorType: fields["perpetrator_type"], description: fields["description"] ?? "",
                                          place: (fields["province"], fields["district"]), eventReference: fields["event"], identity)
            try await store.protection.addThreat(report, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(defender.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/defenders/{id}/assessments", .manageProtection) { request, context, identity in
            let defender = try await defenderID(context, identity)
            let fields = try await form(request)
            func lines(_ name: String) -> [String] {
                (fields[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            guard let level = fields["level"].flatMap(RiskAssessment.Level.init(rawValue:)),
                  let days = Int(Numerals.asciiDigits(fields["review_days"] ?? "")), (1...365).contains(days) else {
                throw AppError.invalid([ValidationIssue(field: "review_days", messageKey: "invalid_review")])
            }
            let assessment = RiskAssessment(
                defenderID: defender, level: level,
                findings: .init(threats: lines("threats"), vulnerabilities: lines("vulnerabilities"), capacities: lines("capacities"),
                                reasoning: fields["reasoning"] ?? ""),
                reviewBy: Date().addingTimeInterval(TimeInterval(days) * 86400), assessedBy: identity.user.id.text)
            try await store.protection.addAssessment(assessment, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(defender.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/defenders/{id}/cases", .manageProtection) { request, context, identity in
            let defender = try await defenderID(context, identity)
            let fields = try await form(request)
            let threatID = fields["threat"].flatMap(UUID.init(uuidString:))
            let opened = try await store.protection.openCase(
                ProtectionCase(defenderID: defender, origin: threatID == nil ? .officer : .threat, threatID: threatID, officerID: identity.user.id),
                actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(opened.id.text)", type: .found)
        }
        guarded.allowed(.get, "/protection/cases/{id}", .manageProtection) { request, context, identity in
            try await casePage(try await protectionCase(context), request, context, identity)
        }
        guarded.allowed(.post, "/protection/cases/{id}/measures", .manageProtection) { request, context, identity in
            let item = try await protectionCase(context)
            let fields = try await form(request)
            guard let kind = fields["kind"].flatMap(ProtectionMeasure.Kind.init(rawValue:)) else { throw AppError.badRequest }
            let measure = ProtectionMeasure(kind: kind, status: fields["status"].flatMap(ProtectionMeasure.Status.init(rawValue:)) ?? .planned,
                                            followUpBy: try followUp(fields["follow_up_days"]), notes: fields["notes"] ?? "")
            try await store.protection.addMeasure(measure, to: item.id, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(item.id.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/cases/{id}/measures/{measure}", .manageProtection) { request, context, identity in
            let item = try await protectionCase(context)
            let fields = try await form(request)
            guard let measure = context.parameters.get("measure").flatMap(UUID.init(uuidString:)),
                  let status = fields["status"].flatMap(ProtectionMeasure.Status.init(rawValue:)) else { throw AppError.badRequest }
            try await store.protection.updateMeasure(measure, in: item.id, status: status, followUpBy: try followUp(fields["follow_up_days"]),
                                                     actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(item.id.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/cases/{id}/close", .manageProtection) { _, context, identity in
            let item = try await protectionCase(context)
            try await store.protection.closeCase(item.id, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/cases/\(item.id.text)", type: .found)
        }
    }

    private func form(_ request: Request) async throws -> [String: String] {
        var request = request
        return try await FormFields.read(&request)
    }

    private func followUp(_ text: String?) throws -> Date? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let days = Int(Numerals.asciiDigits(text)), (0...365).contains(days) else {
            throw AppError.invalid([ValidationIssue(field: "follow_up_days", messageKey: "invalid_review")])
        }
        return Date().addingTimeInterval(TimeInterval(days) * 86400)
    }

    private func threat(
        _ defender: UUID, kind: ThreatReport.Kind, date: String?, calendar: String?, perpetratorType: String?, description: String,
        place: (province: String?, district: String?), eventReference: String?, _ identity: SignedIn
    ) async throws -> ThreatReport {
        var issues: [ValidationIssue] = []
        var parsed: EventDate?
        if let date, !date.trimmingCharacters(in: .whitespaces).isEmpty {
            parsed = try? EventDate.parse(date, calendar: calendar.flatMap(CalendarSystem.init(tag:)) ?? .solarHijri)
            if parsed == nil { issues.append(ValidationIssue(field: "date", messageKey: "invalid_date")) }
        }
        let perpetrator = perpetratorType.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        if !Vocabulary.builtIn.contains(.perpetratorType, perpetrator) {
            issues.append(ValidationIssue(field: "perpetratorType", messageKey: "invalid_perpetrator_type"))
        }
        func clean(_ text: String?) -> String? { text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces).uppercased() } }
        let province = clean(place.province), district = clean(place.district)
        if let province, try await store.gazetteer.unit(pcode: province)?.level != .province { issues.append(ValidationIssue(field: "province", messageKey: "invalid_place")) }
        if let district, try await store.gazetteer.unit(pcode: district)?.parentPcode != province { issues.append(ValidationIssue(field: "district", messageKey: "invalid_district")) }
        var eventID: UUID?
        if let reference = clean(eventReference) {
            // Only an event the officer may see can be linked.
            if let event = try await store.events.find(reference: reference), EventVisibility(identity.subject).allows(EventVisibility.Facts(event)) {
                eventID = event.id
            } else {
                issues.append(ValidationIssue(field: "event", messageKey: "invalid_event_reference"))
            }
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return ThreatReport(defenderID: defender, kind: kind, date: parsed, provincePcode: province, districtPcode: district,
                            perpetratorType: perpetrator, description: description, eventID: eventID, reportedBy: identity.user.id.text)
    }

    /// The defender's id, after checking there is such a profile (opening it is audited).
    private func defenderID(_ context: AppRequestContext, _ identity: SignedIn) async throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard try await store.defenders.find(id: id, viewer: identity.user.id.text) != nil else { throw AppError.notFound }
        return id
    }

    private func protectionCase(_ context: AppRequestContext) async throws -> ProtectionCase {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let item = try await store.protection.findCase(id) else { throw AppError.notFound }
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
