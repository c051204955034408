import Foundation

/// Who may see and change the network's own records, beyond the action a route asks for: what
/// depends on the record (which organisation it belongs to, whom a referral concerns).
public enum CoordinationPolicy {
    /// Coordinators, and the organisation's own members who record the network's work.
    public static func mayEditProfile(_ subject: AccessPolicy.Subject, of organisationID: UUID) -> Bool {
        guard AccessPolicy.decide(subject, .recordCoordination).isAllowed else { return false }
        return subject.role == .coordinator || subject.organisationID == organisationID
    }

    /// Sealed contacts: coordinators and the organisation itself (any of its accounts but a partner's).
    public static func mayReadContacts(_ subject: AccessPolicy.Subject, of organisationID: UUID) -> Bool {
        guard AccessPolicy.decide(subject, .viewCoordination).isAllowed else { return false }
        return subject.role == .coordinator || subject.organisationID == organisationID
    }
}
