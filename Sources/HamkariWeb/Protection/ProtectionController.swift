import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Protection: officers keep defenders' profiles, trusted contacts and check-in arrangements; a
/// defender checks in with one button (or the API, or the CLI) and can raise an alert.
struct ProtectionController: Sendable {
    let store: Store
    let renderer: PageRenderer
    let channels: MessageChannels
    var localizer: Localizer { renderer.localizer }
    var inputs: ProtectionInputs { ProtectionInputs(store: store) }

    struct CheckInDocument: Encodable, Sendable {
        let hasPlan: Bool
        let stage: String?
        let lastCheckIn: String?
        let dueAt: String?
        let intervalSeconds: Int?
        let graceSeconds: Int?

        init(_ plan: CheckInPlan?) {
            hasPlan = plan != nil
            stage = plan?.stage.rawValue
            lastCheckIn = plan.map { $0.lastCheckIn.internetTime }
            dueAt = plan.map { $0.dueAt.internetTime }
            intervalSeconds = plan.map { Int($0.interval.seconds) }
            graceSeconds = plan.map { Int($0.grace.seconds) }
        }
    }

    struct PlanRequest: Decodable, Sendable {
        let intervalSeconds: Int
        let graceSeconds: Int
        let active: Bool?
    }

    struct AlertDocument: Encodable, Sendable {
        let queued: Int
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/checkin", .checkIn) { request, context, identity in
            try await checkInPage(request, context, identity, notice: nil)
        }
        guarded.allowed(.post, "/checkin", .checkIn) { request, context, identity in
            let profile = try await ownProfile(identity)
            _ = try await store.defenders.checkIn(profile.id, actor: identity.user.id.text)
            return try await checkInPage(request, context, identity, notice: localizer.string("checked_in", context.locale))
        }
        guarded.allowed(.post, "/checkin/threat", .checkIn) { request, context, identity in
            let profile = try await ownProfile(identity)
            var request = request
            let fields = try await FormFields.read(&request)
            guard let kind = fields["kind"].flatMap(ThreatReport.Kind.init(rawValue:)) else { throw AppError.badRequest }
            try await store.protection.addThreat(ThreatReport(defenderID: profile.id, kind: kind, description: fields["description"] ?? "",
                                                              reportedBy: identity.user.id.text), actor: identity.user.id.text)
            return try await checkInPage(request, context, identity, notice: localizer.string("threat_reported", context.locale))
        }
        guarded.allowed(.post, "/checkin/plan", .checkIn) { request, context, identity in
            let profile = try await ownProfile(identity)
            var request = request
            let fields = try await FormFields.read(&request)
            guard let plan = Self.plan(for: profile.id, hours: fields["interval_hours"], graceMinutes: fields["grace_minutes"], active: true) else {
                var page = try await checkInPage(request, context, identity, notice: nil, problem: localizer.string("invalid_plan", context.locale))
                page.status = .unprocessableContent
                return try page.response(from: request, context: context)
            }
            try await store.defenders.setPlan(plan, actor: identity.user.id.text)
            return try await checkInPage(request, context, identity, notice: localizer.string("saved", context.locale)).response(from: request, context: context)
        }
        guarded.allowed(.put, "/api/v1/checkin/plan", .checkIn) { request, context, identity in
            try await setPlan(for: try await ownProfile(identity), request, context, identity)
        }
        guarded.allowed(.post, "/checkin/alert", .checkIn) { request, context, identity in
            let profile = try await ownProfile(identity)
            _ = try await raise(for: profile.id, actor: identity.user.id.text)
            return try await checkInPage(request, context, identity, notice: localizer.string("alert_sent", context.locale))
        }
        guarded.allowed(.get, "/api/v1/checkin", .checkIn) { _, _, identity in
            let profile = try await ownProfile(identity)
            return JSONBody(value: CheckInDocument(try await store.defenders.plan(for: profile.id)))
        }
        guarded.allowed(.post, "/api/v1/checkin", .checkIn) { _, _, identity in
            let profile = try await ownProfile(identity)
            return JSONBody(value: CheckInDocument(try await store.defenders.checkIn(profile.id, actor: identity.user.id.text)))
        }
        guarded.allowed(.post, "/api/v1/panic", .checkIn) { _, _, identity in
            let profile = try await ownProfile(identity)
            return JSONBody(value: AlertDocument(queued: try await raise(for: profile.id, actor: identity.user.id.text)), status: .created)
        }
        guarded.allowed(.put, "/api/v1/defenders/{id}/plan", .manageProtection) { request, context, identity in
            try await setPlan(for: try await inputs.profile(context, identity), request, context, identity)
        }
        guarded.allowed(.get, "/protection", .manageProtection) { request, context, identity in
            try await listPage(request, context, identity, issues: [])
        }
        guarded.allowed(.post, "/protection/defenders", .manageProtection) { request, context, identity in
            var request = request
            let fields = try await FormFields.read(&request)
            do {
                let profile = try await inputs.create(try await Self.defenderFields(fields, store), actor: identity.user.id.text)
                return Response.redirect(to: "/protection/defenders/\(profile.id.text)", type: .found)
            } catch let error as AppError where !error.issues.isEmpty {
                var page = try await listPage(request, context, identity, issues: error.issues)
                page.status = .unprocessableContent
                return try page.response(from: request, context: context)
            }
        }
        guarded.allowed(.post, "/protection/defenders/{id}", .manageProtection) { request, context, identity in
            let profile = try await inputs.profile(context, identity)
            var request = request
            let fields = try await FormFields.read(&request)
            do {
                _ = try await inputs.update(profile, with: try await Self.defenderFields(fields, store), actor: identity.user.id.text)
                return Response.redirect(to: "/protection/defenders/\(profile.id.text)", type: .found)
            } catch let error as AppError where !error.issues.isEmpty {
                var page = try await profilePage(profile, request, context, identity, issues: error.issues)
                page.status = .unprocessableContent
                return try page.response(from: request, context: context)
            }
        }
        guarded.allowed(.post, "/protection/defenders/{id}/contacts/{index}/remove", .manageProtection) { _, context, identity in
            var profile = try await inputs.profile(context, identity)
            guard let index = context.parameters.get("index").flatMap(Int.init), profile.trustedContacts.indices.contains(index) else {
                throw AppError.notFound
            }
            profile.trustedContacts.remove(at: index)
            try await store.defenders.update(profile, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(profile.id.text)", type: .found)
        }
        guarded.allowed(.get, "/protection/defenders/{id}", .manageProtection) { request, context, identity in
            try await profilePage(try await inputs.profile(context, identity), request, context, identity, issues: [])
        }
        guarded.allowed(.post, "/protection/defenders/{id}/contacts", .manageProtection) { request, context, identity in
            var profile = try await inputs.profile(context, identity)
            var request = request
            let fields = try await FormFields.read(&request)
            let contact = TrustedContact(name: fields["name"] ?? "", email: fields["email"] ?? "", phone: fields["phone"] ?? "")
            guard !contact.name.trimmingCharacters(in: .whitespaces).isEmpty, contact.isReachable else {
                var page = try await profilePage(profile, request, context, identity,
                                                 issues: [ValidationIssue(field: "contact", messageKey: "invalid_contact")])
                page.status = .unprocessableContent
                return try page.response(from: request, context: context)
            }
            profile.trustedContacts.append(contact)
            try await store.defenders.update(profile, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(profile.id.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/defenders/{id}/plan", .manageProtection) { request, context, identity in
            let profile = try await inputs.profile(context, identity)
            var request = request
            let fields = try await FormFields.read(&request)
            guard let plan = Self.plan(for: profile.id, hours: fields["interval_hours"], graceMinutes: fields["grace_minutes"],
                                       active: fields["active"] == "on") else {
                var page = try await profilePage(profile, request, context, identity, issues: [ValidationIssue(field: "plan", messageKey: "invalid_plan")])
                page.status = .unprocessableContent
                return try page.response(from: request, context: context)
            }
            try await store.defenders.setPlan(plan, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(profile.id.text)", type: .found)
        }
        guarded.allowed(.post, "/protection/defenders/{id}/alert", .manageProtection) { _, context, identity in
            let profile = try await inputs.profile(context, identity)
            _ = try await raise(for: profile.id, actor: identity.user.id.text)
            return Response.redirect(to: "/protection/defenders/\(profile.id.text)", type: .found)
        }
    }

    /// Sets a plan from a JSON body (`PUT …/plan`), the next check-in due a full interval from now.
    private func setPlan(
        for profile: DefenderProfile, _ request: Request, _ context: AppRequestContext, _ identity: SignedIn
    ) async throws -> JSONBody<CheckInDocument> {
        let body = try await decode(PlanRequest.self, request, context)
        let plan = CheckInPlan(defenderID: profile.id, interval: .seconds(body.intervalSeconds), grace: .seconds(body.graceSeconds),
                               active: body.active ?? true, lastCheckIn: Date())
        guard plan.isValid else { throw AppError.invalid([ValidationIssue(field: "intervalSeconds", messageKey: "invalid_plan")]) }
        try await store.defenders.setPlan(plan, actor: identity.user.id.text)
        return JSONBody(value: CheckInDocument(plan))
    }

    /// A plan from a form's hours and minutes, or nil when they are not a valid arrangement.
    static func plan(for defenderID: UUID, hours: String?, graceMinutes: String?, active: Bool) -> CheckInPlan? {
        guard let hours = Double(Numerals.asciiDigits(hours ?? "").replacingOccurrences(of: "٫", with: ".")),
              let grace = Double(Numerals.asciiDigits(graceMinutes ?? "").replacingOccurrences(of: "٫", with: ".")), grace >= 0 else { return nil }
        let plan = CheckInPlan(defenderID: defenderID, interval: .seconds(Int64(hours * 3600)), grace: .seconds(Int64(grace * 60)),
                               active: active, lastCheckIn: Date())
        return plan.isValid ? plan : nil
    }

    /// Queues the alert and delivers at once, without waiting for the scheduler's next round.
    private func raise(for defenderID: UUID, actor: String) async throws -> Int {
        let queued = try await store.escalations.panic(defenderID, actor: actor, officers: try await EscalationService.officers(store))
        EscalationService.deliverSoon(store, channels)
        return queued
    }

    private func ownProfile(_ identity: SignedIn) async throws -> DefenderProfile {
        guard let profile = try await store.defenders.find(account: identity.user.id, viewer: identity.user.id.text) else {
            throw AppError(status: .notFound, code: "no_profile", messageKey: "checkin_no_profile")
        }
        return profile
    }

    /// The profile form: every field is sent, so boxes left unticked clear their list.
    static func defenderFields(_ form: [String: String], _ store: Store) async throws -> DefenderFields {
        DefenderFields(
            name: form["name"], knownAs: form["known_as"], email: form["email"], phone: form["phone"], whereabouts: form["whereabouts"],
            login: form["login"],
            areasOfWork: DefenderProfile.AreaOfWork.allCases.map(\.rawValue).filter { form["area_\($0)"] == "on" },
            organisationIds: try await store.organisations.all().map(\.id.text).filter { form["org_\($0)"] == "on" },
            districtPcodes: (form["districts"] ?? "").split(whereSeparator: { $0 == "," || $0 == "،" || $0.isWhitespace }).map(String.init))
    }

    private func render(_ template: String, titleKey: String, _ values: [String: Any], _ request: Request, _ context: AppRequestContext) async throws -> HTMLPage {
        renderer.render(template, title: localizer.string(titleKey, context.locale), values: values,
                        networkName: try await store.networkName(), request: request, context: context)
    }

    private func stageText(_ plan: CheckInPlan?, _ locale: AppLocale) -> String {
        plan.map { localizer.string("stage_\($0.stage.rawValue)", locale) } ?? localizer.string("checkin_none", locale)
    }

    private func checkInPage(
        _ request: Request, _ context: AppRequestContext, _ identity: SignedIn, notice: String?, problem: String? = nil
    ) async throws -> HTMLPage {
        let profile = try await store.defenders.find(account: identity.user.id, viewer: identity.user.id.text)
        var plan: CheckInPlan?
        if let profile { plan = try await store.defenders.plan(for: profile.id) }
        var values: [String: Any] = ["csrf": identity.csrfToken ?? "", "hasProfile": profile != nil, "stage": stageText(plan, context.locale)]
        if let profile {
            // The defender sees their own profile: what the officers know of them and whom an alert reaches.
            values["knownAs"] = profile.identity.alertName
            values["contacts"] = profile.trustedContacts.map { ["name": $0.name] }
            values["threatKinds"] = ThreatReport.Kind.allCases.map { ["value": $0.rawValue, "label": localizer.string("threat_\($0.rawValue)", context.locale)] }
        }
        if let plan {
            values["due"] = DateDisplay.moment(plan.dueAt, calendar: context.calendar, locale: context.locale)
        }
        if let notice { values["notice"] = notice }
        if let problem { values["problem"] = problem }
        values["intervalHours"] = plan.map { String(format: "%g", $0.interval.seconds / 3600) } ?? "12"
        values["graceMinutes"] = plan.map { String(format: "%g", $0.grace.seconds / 60) } ?? "60"
        values["colleagueKinds"] = ThreatReport.Kind.allCases.map { ["value": $0.rawValue, "label": localizer.string("threat_\($0.rawValue)", context.locale)] }
        return try await render("checkin", titleKey: "checkin_title", values, request, context)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn, issues: [ValidationIssue]) async throws -> HTMLPage {
        var rows: [[String: Any]] = []
        let reviewsDue = try await store.protection.reviewsDue()
        let overdue = Set(try await store.protection.overdueCases().map(\.defenderID))
        for profile in try await store.defenders.all(viewer: identity.user.id.text) {
            rows.append(["id": profile.id.text, "name": profile.identity.name, "knownAs": profile.identity.alertName,
                         "stage": stageText(try await store.defenders.plan(for: profile.id), context.locale),
                         "reviewDue": reviewsDue.contains(profile.id), "overdue": overdue.contains(profile.id)])
        }
        return try await render("protection", titleKey: "protection_title", [
            "csrf": identity.csrfToken ?? "", "defenders": rows, "hasDefenders": !rows.isEmpty,
            "areas": DefenderProfile.AreaOfWork.allCases.map { ["value": $0.rawValue, "label": localizer.string("area_\($0.rawValue)", context.locale)] },
            "organisations": try await store.organisations.all().map { ["value": $0.id.text, "label": $0.names.name(in: context.locale)] },
            "issues": issues.map { ["field": $0.field, "message": localizer.string($0.messageKey, context.locale)] },
        ], request, context)
    }

    private func profilePage(
        _ profile: DefenderProfile, _ request: Request, _ context: AppRequestContext, _ identity: SignedIn, issues: [ValidationIssue]
    ) async throws -> HTMLPage {
        let plan = try await store.defenders.plan(for: profile.id)
        var values: [String: Any] = [
            "csrf": identity.csrfToken ?? "", "id": profile.id.text, "defenderID": profile.id.text, "name": profile.identity.name, "knownAs": profile.identity.alertName,
            "email": profile.identity.email, "phone": profile.identity.phone, "whereabouts": profile.identity.whereabouts,
            "contacts": profile.trustedContacts.enumerated().map { ["index": $0.offset, "name": $0.element.name, "email": $0.element.email,
                                                                    "phone": $0.element.phone] },
            "knownAsEntered": profile.identity.knownAs,
            "areaChoices": DefenderProfile.AreaOfWork.allCases.map {
                ["value": $0.rawValue, "label": localizer.string("area_\($0.rawValue)", context.locale), "checked": profile.areasOfWork.contains($0)]
            },
            "organisationChoices": try await store.organisations.all().map {
                ["value": $0.id.text, "label": $0.names.name(in: context.locale), "checked": profile.organisationIDs.contains($0.id)]
            },
            "areas": profile.areasOfWork.map { localizer.string("area_\($0.rawValue)", context.locale) }.joined(separator: ", "),
            "districts": profile.districtPcodes.joined(separator: ", "),
            "organisations": try await store.organisations.all().filter { profile.organisationIDs.contains($0.id) }
                .map { $0.names.name(in: context.locale) }.joined(separator: ", "),
            "stage": stageText(plan, context.locale), "active": plan?.active ?? true,
            "intervalHours": plan.map { String(format: "%g", $0.interval.seconds / 3600) } ?? "12",
            "graceMinutes": plan.map { String(format: "%g", $0.grace.seconds / 60) } ?? "60",
            "issues": issues.map { ["field": $0.field, "message": localizer.string($0.messageKey, context.locale)] },
        ]
        if let plan { values["due"] = DateDisplay.moment(plan.dueAt, calendar: context.calendar, locale: context.locale) }
        let locale = context.locale
        func day(_ date: Date?) -> String { date.map { DateDisplay.day($0, calendar: context.calendar, locale: locale) } ?? "" }
        let vocabulary = Vocabulary.builtIn
        values["threats"] = try await store.protection.threats(of: profile.id).map { threat -> [String: Any] in
            ["id": threat.id.text, "kind": localizer.string("threat_\(threat.kind.rawValue)", locale),
             "date": threat.date?.formatted(in: locale, calendar: context.calendar) { localizer.string("season_\($0.rawValue)", locale) } ?? "",
             "perpetrator": vocabulary.label(.perpetratorType, threat.perpetratorType, in: locale), "description": threat.description,
             "place": [threat.districtPcode, threat.provincePcode].compactMap { $0 }.joined(separator: ", "),
             "event": threat.eventID?.text ?? ""]
        }
        values["threatKinds"] = ThreatReport.Kind.allCases.map { ["value": $0.rawValue, "label": localizer.string("threat_\($0.rawValue)", locale)] }
        values["perpetratorTypes"] = vocabulary.terms(in: .perpetratorType).map { ["value": $0.code, "label": $0.labels.name(in: locale)] }
        if let latest = try await store.protection.assessments(of: profile.id).first {
            values["assessment"] = [
                "level": localizer.string("risk_\(latest.level.rawValue)", locale), "reviewBy": day(latest.reviewBy),
                "due": latest.isDue(at: Date()), "threats": latest.findings.threats, "vulnerabilities": latest.findings.vulnerabilities,
                "capacities": latest.findings.capacities, "reasoning": latest.findings.reasoning,
            ] as [String: Any]
        }
        values["levels"] = RiskAssessment.Level.allCases.map { ["value": $0.rawValue, "label": localizer.string("risk_\($0.rawValue)", locale)] }
        values["cases"] = try await store.protection.cases(of: profile.id).map { item -> [String: Any] in
            ["id": item.id.text, "opened": day(item.openedAt), "origin": localizer.string("case_origin_\(item.origin.rawValue)", locale),
             "status": localizer.string("case_status_\(item.status.rawValue)", locale), "overdue": !item.overdueMeasures(at: Date()).isEmpty]
        }
        return try await render("defender", titleKey: "defender_title", values, request, context)
    }
}
