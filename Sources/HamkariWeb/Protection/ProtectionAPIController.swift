import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The protection officers' JSON API: defenders' profiles, threats, risk assessments and
/// protection cases. Every opening of a profile is audited by the store.
struct ProtectionAPIController: Sendable {
    let store: Store
    var inputs: ProtectionInputs { ProtectionInputs(store: store) }
    typealias Documents = ProtectionDocuments

    func addRoutes(to guarded: GuardedRouter) {
        addDefenderRoutes(to: guarded)
        addRecordRoutes(to: guarded)
        addCaseRoutes(to: guarded)
    }

    private func addDefenderRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/defenders", .manageProtection) { _, _, identity in
            var summaries: [Documents.DefenderSummary] = []
            for profile in try await store.defenders.all(viewer: identity.user.id.text) {
                summaries.append(.init(profile, stage: try await store.defenders.plan(for: profile.id)?.stage))
            }
            return JSONBody(value: Documents.DefenderList(defenders: summaries))
        }
        guarded.allowed(.post, "/api/v1/defenders", .manageProtection) { request, context, identity in
            let fields = try await decode(DefenderFields.self, request, context)
            let profile = try await inputs.create(fields, actor: identity.user.id.text)
            return JSONBody(value: Documents.Defender(profile, plan: nil), status: .created, location: "/protection/defenders/\(profile.id.text)")
        }
        guarded.allowed(.get, "/api/v1/defenders/{id}", .manageProtection) { _, context, identity in
            let profile = try await inputs.profile(context, identity)
            return JSONBody(value: Documents.Defender(profile, plan: try await store.defenders.plan(for: profile.id)))
        }
        guarded.allowed(.patch, "/api/v1/defenders/{id}", .manageProtection) { request, context, identity in
            let profile = try await inputs.profile(context, identity)
            let fields = try await decode(DefenderFields.self, request, context)
            let updated = try await inputs.update(profile, with: fields, actor: identity.user.id.text)
            return JSONBody(value: Documents.Defender(updated, plan: try await store.defenders.plan(for: profile.id)))
        }
    }

    private func addRecordRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/defenders/{id}/threats", .manageProtection) { _, context, identity in
            let profile = try await inputs.profile(context, identity)
            return JSONBody(value: Documents.ThreatList(threats: try await store.protection.threats(of: profile.id).map(Documents.Threat.init)))
        }
        guarded.allowed(.post, "/api/v1/defenders/{id}/threats", .manageProtection) { request, context, identity in
            let profile = try await inputs.profile(context, identity)
            let input = try await decode(ProtectionCasesController.ThreatInput.self, request, context)
            let report = try await inputs.threat(profile.id, kind: input.kind, date: input.date, calendar: input.calendar,
                                                 perpetratorType: input.perpetratorType, description: input.description ?? "",
                                                 place: (input.provincePcode, input.districtPcode), eventReference: input.eventReference, identity)
            try await store.protection.addThreat(report, actor: identity.user.id.text)
            return JSONBody(value: Documents.Threat(report), status: .created)
        }
        guarded.allowed(.get, "/api/v1/defenders/{id}/assessments", .manageProtection) { _, context, identity in
            let profile = try await inputs.profile(context, identity)
            let now = Date()
            return JSONBody(value: Documents.AssessmentList(
                assessments: try await store.protection.assessments(of: profile.id).map { Documents.Assessment($0, now: now) }))
        }
        guarded.allowed(.post, "/api/v1/defenders/{id}/assessments", .manageProtection) { request, context, identity in
            let profile = try await inputs.profile(context, identity)
            let input = try await decode(Documents.AssessmentInput.self, request, context)
            let assessment = try ProtectionInputs.assessment(
                of: profile.id, level: input.level,
                findings: .init(threats: input.threats ?? [], vulnerabilities: input.vulnerabilities ?? [], capacities: input.capacities ?? [],
                                reasoning: input.reasoning ?? ""),
                reviewInDays: input.reviewInDays, by: identity)
            try await store.protection.addAssessment(assessment, actor: identity.user.id.text)
            return JSONBody(value: Documents.Assessment(assessment, now: Date()), status: .created)
        }
    }

    private func addCaseRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/defenders/{id}/cases", .manageProtection) { _, context, identity in
            let profile = try await inputs.profile(context, identity)
            return JSONBody(value: Documents.CaseList(cases: try await store.protection.cases(of: profile.id).map { Documents.Case($0) }))
        }
        guarded.allowed(.post, "/api/v1/defenders/{id}/cases", .manageProtection) { request, context, identity in
            let profile = try await inputs.profile(context, identity)
            let input = try await decode(Documents.CaseInput.self, request, context)
            let opened = try await store.protection.openCase(
                try await inputs.newCase(for: profile.id, fromThreat: input.threatId, officer: identity.user.id), actor: identity.user.id.text)
            return JSONBody(value: Documents.Case(opened), status: .created, location: "/api/v1/cases/\(opened.id.text)")
        }
        guarded.allowed(.get, "/api/v1/cases/{id}", .manageProtection) { _, context, _ in
            try await caseDocument(try await ProtectionCasesController.protectionCase(context, store))
        }
        guarded.allowed(.post, "/api/v1/cases/{id}/measures", .manageProtection) { request, context, identity in
            let item = try await ProtectionCasesController.openCase(context, store)
            let input = try await decode(Documents.MeasureInput.self, request, context)
            let measure = ProtectionMeasure(kind: input.kind, status: input.status ?? .planned,
                                            followUpBy: try ProtectionInputs.followUp(days: input.followUpInDays), notes: input.notes ?? "")
            try await store.protection.addMeasure(measure, to: item.id, actor: identity.user.id.text)
            var created = try await caseDocument(item)
            created.status = .created
            return created
        }
        guarded.allowed(.patch, "/api/v1/cases/{id}/measures/{measure}", .manageProtection) { request, context, identity in
            let item = try await ProtectionCasesController.openCase(context, store)
            guard let measureID = context.parameters.get("measure").flatMap(UUID.init(uuidString:)) else { throw AppError.invalidID }
            guard item.measures.contains(where: { $0.id == measureID }) else { throw AppError.notFound }
            let change = try await decode(Documents.MeasureChange.self, request, context)
            try await store.protection.updateMeasure(measureID, in: item.id, status: change.status,
                                                     followUpBy: try ProtectionInputs.followUp(days: change.followUpInDays), actor: identity.user.id.text)
            return try await caseDocument(item)
        }
        guarded.allowed(.post, "/api/v1/cases/{id}/close", .manageProtection) { _, context, identity in
            let item = try await ProtectionCasesController.openCase(context, store)
            try await store.protection.closeCase(item.id, actor: identity.user.id.text)
            return try await caseDocument(item)
        }
    }

    /// The case as stored now, with its timeline.
    private func caseDocument(_ item: ProtectionCase) async throws -> JSONBody<Documents.Case> {
        guard let current = try await store.protection.findCase(item.id) else { throw AppError.notFound }
        return JSONBody(value: Documents.Case(current, timeline: try await store.protection.timeline(of: item.id)))
    }
}
