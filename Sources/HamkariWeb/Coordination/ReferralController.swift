import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Referrals between members: pages and API. A referral exists only for the two organisations it
/// joins and for coordinators; for anyone else its address answers "not found".
struct ReferralController: Sendable {
    let store: Store
    let renderer: PageRenderer

    struct Document: Encodable, Sendable {
        let id: String
        let personCode: String
        let fromOrganisationId: String
        let toOrganisationId: String
        let service: String
        let consentOn: String
        let status: String
        let reason: String
        let feedback: String

        init(_ referral: Referral) {
            id = referral.id.text
            personCode = referral.personCode
            fromOrganisationId = referral.fromOrganisationID.text
            toOrganisationId = referral.toOrganisationID.text
            service = referral.service.rawValue
            consentOn = referral.consentOn.numeric
            status = referral.status.rawValue
            reason = referral.reason
            feedback = referral.feedback
        }
    }

    struct List: Encodable, Sendable {
        let referrals: [Document]
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/referrals", .viewCoordination) { _, _, identity in
            JSONBody(value: List(referrals: try await store.referrals.visible(to: identity.subject).map(Document.init)))
        }
        guarded.allowed(.post, "/api/v1/referrals", .recordCoordination) { request, context, identity in
            let referral = try await make(try await decode(ReferralFields.self, request, context), identity)
            try await store.referrals.create(referral, actor: identity.user.id.text)
            return JSONBody(value: Document(referral), status: .created, location: "/api/v1/referrals/\(referral.id.text)")
        }
        guarded.allowed(.get, "/api/v1/referrals/{id}", .viewCoordination) { _, context, identity in
            JSONBody(value: Document(try await visible(context, identity)))
        }
        guarded.allowed(.patch, "/api/v1/referrals/{id}", .recordCoordination) { request, context, identity in
            let referral = try await visible(context, identity)
            let updated = try await update(referral, with: try await decode(ReferralFields.self, request, context), identity)
            return JSONBody(value: Document(updated))
        }
        guarded.allowed(.get, "/referrals", .viewCoordination) { request, context, identity in
            try await listPage(issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/referrals", .recordCoordination) { request, context, identity in
            var request = request
            let form = try await FormFields.read(&request)
            let fields = ReferralFields(personCode: form["personCode"], toOrganisationId: form["to"], service: form["service"],
                                        consent: form["consent"] == "on", reason: form["reason"])
            return try await FormSubmission.handle(request, context, save: {
                let referral = try await make(fields, identity)
                try await store.referrals.create(referral, actor: identity.user.id.text)
                return "/referrals/\(referral.id.text)"
            }, failed: { issues in try await listPage(issues: issues, request, context, identity) })
        }
        guarded.allowed(.get, "/referrals/{id}", .viewCoordination) { request, context, identity in
            try await referralPage(try await visible(context, identity), issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/referrals/{id}", .recordCoordination) { request, context, identity in
            let referral = try await visible(context, identity)
            var request = request
            let form = try await FormFields.read(&request)
            return try await FormSubmission.handle(request, context, save: {
                _ = try await update(referral, with: ReferralFields(status: form["status"], feedback: form["feedback"]), identity)
                return "/referrals/\(referral.id.text)"
            }, failed: { issues in try await referralPage(referral, issues: issues, request, context, identity) })
        }
    }

    private func make(_ fields: ReferralFields, _ identity: SignedIn) async throws -> Referral {
        let organisations = Set(try await store.organisations.all().map(\.id))
        let (referral, issues) = ReferralValidation.referral(fields, from: identity.user.organisationID, organisations: organisations,
                                                             today: CalendarDay(Date(), in: .gregorian))
        guard let referral else { throw AppError.invalid(issues) }
        return referral
    }

    private func update(_ referral: Referral, with fields: ReferralFields, _ identity: SignedIn) async throws -> Referral {
        guard CoordinationPolicy.mayUpdate(identity.subject, referral) else { throw AppError.forbidden }
        let (updated, issues) = ReferralValidation.update(fields, of: referral)
        guard let updated else { throw AppError.invalid(issues) }
        try await store.referrals.update(updated, actor: identity.user.id.text)
        return updated
    }

    /// The referral a path names, if the reader may see it; otherwise "not found", as if it did not exist.
    private func visible(_ context: AppRequestContext, _ identity: SignedIn) async throws -> Referral {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let referral = try await store.referrals.find(id: id), CoordinationPolicy.maySee(identity.subject, referral) else {
            throw AppError.notFound
        }
        return referral
    }

    private func names(_ context: AppRequestContext) async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await store.organisations.all().map { ($0.id, $0.names.name(in: context.locale)) })
    }

    private func text(_ key: String, _ context: AppRequestContext) -> String { renderer.localizer.string(key, context.locale) }

    private func row(_ referral: Referral, _ names: [UUID: String], _ context: AppRequestContext) -> [String: Any] {
        ["id": referral.id.text, "code": referral.personCode, "from": names[referral.fromOrganisationID] ?? "",
         "to": names[referral.toOrganisationID] ?? "", "service": text("referral_service_\(referral.service.rawValue)", context),
         "status": text("referral_status_\(referral.status.rawValue)", context),
         "date": DateDisplay.day(referral.createdAt, calendar: context.calendar, locale: context.locale)]
    }

    private func listPage(issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let names = try await names(context)
        let values: [String: Any] = [
            "referrals": try await store.referrals.visible(to: identity.subject).map { row($0, names, context) },
            "mayRefer": AccessPolicy.decide(identity.subject, .recordCoordination).isAllowed,
            "organisations": names.filter { $0.key != identity.user.organisationID }.sorted { $0.value < $1.value }
                .map { ["value": $0.key.text, "label": $0.value] },
            "services": Referral.Service.allCases.map { ["value": $0.rawValue, "label": text("referral_service_\($0.rawValue)", context)] },
            "issues": issues.map { ["field": $0.field, "message": text($0.messageKey, context)] },
        ]
        return try await renderer.formPage(store, "referrals", title: text("referrals_title", context), values, request, context, identity)
    }

    private func referralPage(_ referral: Referral, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext,
                              _ identity: SignedIn) async throws -> HTMLPage {
        var values = row(referral, try await names(context), context)
        values["reason"] = referral.reason
        values["feedback"] = referral.feedback
        values["consentOn"] = referral.consentOn.date.map { DateDisplay.day($0, calendar: context.calendar, locale: context.locale) } ?? ""
        values["mayUpdate"] = CoordinationPolicy.mayUpdate(identity.subject, referral)
        values["statuses"] = Referral.Status.allCases.map {
            ["value": $0.rawValue, "label": text("referral_status_\($0.rawValue)", context), "selected": $0 == referral.status]
        }
        values["issues"] = issues.map { ["field": $0.field, "message": text($0.messageKey, context)] }
        return try await renderer.formPage(store, "referral", title: referral.personCode, values, request, context, identity)
    }
}
