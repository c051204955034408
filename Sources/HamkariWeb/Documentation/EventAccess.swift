import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// What the documentation routes share: loading a record the reader may see (a record they may
/// not see answers 404, so its existence is not revealed), the policy checks on one record,
/// and turning refusals and validation problems into errors the reader can act on.
struct EventAccess: Sendable {
    let store: Store

    func visibleEvent(_ context: AppRequestContext, _ identity: SignedIn) async throws -> Event {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let event = try await store.events.find(id: id),
              EventVisibility(identity.subject).allows(EventVisibility.Facts(event)) else { throw AppError.notFound }
        return event
    }

    func mayRevealIdentities(_ identity: SignedIn, _ event: Event) -> Bool {
        AccessPolicy.decide(identity.subject, .viewIdentity, on: EventVisibility.resource(of: event)).isAllowed
    }

    func mayEdit(_ identity: SignedIn, _ event: Event) -> Bool {
        AccessPolicy.mayEdit(identity.subject, EventVisibility.Facts(event)).isAllowed
    }

    func mayViewPreciseLocation(_ identity: SignedIn, _ event: Event) -> Bool {
        AccessPolicy.decide(identity.subject, .viewPreciseLocation, on: EventVisibility.resource(of: event)).isAllowed
    }

    /// The record with identities opened (audited), or as it is when the reader may not see them.
    func withIdentities(_ event: Event, _ identity: SignedIn) async throws -> Event {
        guard mayRevealIdentities(identity, event) else { throw AppError.forbidden }
        return try await store.events.findRevealingIdentities(id: event.id, viewer: identity.user.id.text) ?? event
    }

    func validate(_ event: Event) async throws {
        let issues = try await store.eventValidator().issues(in: event)
        if !issues.isEmpty { throw AppError.invalid(issues) }
    }

    /// Creates or updates, after checking the reader may, and that the record is valid.
    func save(_ event: Event, existing: Event?, _ identity: SignedIn) async throws -> Event {
        if let existing, !mayEdit(identity, existing) { throw AppError.forbidden }
        if event.confidentiality == .protection, identity.user.role != .protectionOfficer, existing?.confidentiality != .protection {
            // Only protection officers file records into the protection compartment.
            throw AppError.invalid([ValidationIssue(field: "confidentiality", messageKey: "invalid_protection_compartment")])
        }
        try await validate(event)
        do {
            if existing != nil { return try await store.events.update(event, actor: identity.user.id) }
            return try await store.events.create(event, actor: identity.user.id)
        } catch StoreError.conflict {
            throw AppError.editConflict
        }
    }

    func transition(_ event: Event, to target: VerificationStatus, reason: String, _ identity: SignedIn) async throws -> Event {
        do {
            return try await store.events.transition(event.id, to: target, reason: reason, by: identity.subject)
        } catch let refusal as VerificationWorkflow.Refusal {
            switch refusal {
            case .notAStep: throw AppError(status: .conflict, code: "not_a_step", messageKey: "error_not_a_step")
            case .notAReviewer, .notTheOwner: throw AppError.forbidden
            case .ownRecord: throw AppError(status: .forbidden, code: "own_record", messageKey: "error_own_record")
            case .reasonRequired: throw AppError.invalid([ValidationIssue(field: "reason", messageKey: "invalid_reason_required")])
            }
        }
    }
}
