import Foundation

/// Where a record stands in verification.
public enum VerificationStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case submitted
    case underReview = "under_review"
    case verified
    case unverified
    case discredited
}

/// The verification workflow: draft → submitted → under review → verified / unverified / discredited,
/// with a way back to the author or to review. Pure: it says whether a step is allowed, never stores.
public enum VerificationWorkflow {
    public enum Refusal: Error, Equatable, Sendable {
        /// The step does not lead from the record's status to the one asked for.
        case notAStep(from: VerificationStatus, to: VerificationStatus)
        /// Review steps are for reviewers (and coordinators), and never on one's own record.
        case notAReviewer
        case ownRecord
        /// Only the owning organisation submits its drafts.
        case notTheOwner
        /// Concluding unverified or discredited, returning or reopening, needs a reason.
        case reasonRequired
    }

    /// Who moves a record from one status to the next.
    enum Actor { case owner, reviewer }

    static let steps: [VerificationStatus: [VerificationStatus: Actor]] = [
        .draft: [.submitted: .owner],
        .submitted: [.underReview: .reviewer, .draft: .reviewer],
        .underReview: [.verified: .reviewer, .unverified: .reviewer, .discredited: .reviewer, .draft: .reviewer],
        .verified: [.underReview: .reviewer],
        .unverified: [.underReview: .reviewer],
        .discredited: [.underReview: .reviewer],
    ]

    public static func nextSteps(from status: VerificationStatus) -> [VerificationStatus] {
        VerificationStatus.allCases.filter { steps[status]?[$0] != nil }
    }

    public static func needsReason(from: VerificationStatus, to: VerificationStatus) -> Bool {
        switch to {
        case .unverified, .discredited, .draft: true
        case .underReview: from != .submitted
        case .submitted, .verified: false
        }
    }

    /// Whether `subject` may move `event` to `target`, given the reason they gave.
    public static func check(
        _ subject: AccessPolicy.Subject, moving event: Event, to target: VerificationStatus, reason: String
    ) throws(Refusal) {
        guard let actor = steps[event.status]?[target] else { throw .notAStep(from: event.status, to: target) }
        switch actor {
        case .owner:
            guard subject.organisationID == event.organisationID || subject.id == event.authorID else { throw .notTheOwner }
        case .reviewer:
            guard subject.role == .reviewer || subject.role == .coordinator else { throw .notAReviewer }
            guard subject.id != event.authorID else { throw .ownRecord }
        }
        if needsReason(from: event.status, to: target), reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .reasonRequired
        }
    }

    /// A record can be edited while it is being drafted or reviewed; a concluded one is reopened first.
    public static func isEditable(_ status: VerificationStatus) -> Bool {
        switch status {
        case .draft, .submitted, .underReview: true
        case .verified, .unverified, .discredited: false
        }
    }
}
