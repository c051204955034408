import Foundation

/// Which events one account may see, as data: the access policy for records, written once so
/// that the same rule filters a single record in Swift and every list, count and search in SQL.
public struct EventVisibility: Sendable, Equatable {
    /// The account's own organisation: it sees its own records (drafts included).
    public var organisationID: UUID
    public var accountID: UUID
    /// Sees no event at all.
    public var none: Bool
    /// Sees only public, non-draft events (an outside partner).
    public var publicOnly: Bool
    /// Sees the protection compartment (protection officers).
    public var protectionCompartment: Bool

    public init(_ subject: AccessPolicy.Subject) {
        organisationID = subject.organisationID
        accountID = subject.id
        none = subject.status != .active || subject.role == .defender || subject.sealedAccessSuspended
        publicOnly = subject.role == .partner
        protectionCompartment = subject.role == .protectionOfficer
    }

    /// The facts of an event the rule looks at.
    public struct Facts: Sendable, Equatable {
        public var organisationID: UUID
        public var authorID: UUID
        public var status: VerificationStatus
        public var confidentiality: Confidentiality
        public var sharedWith: [UUID]

        public init(organisationID: UUID, authorID: UUID, status: VerificationStatus, confidentiality: Confidentiality, sharedWith: [UUID]) {
            self.organisationID = organisationID
            self.authorID = authorID
            self.status = status
            self.confidentiality = confidentiality
            self.sharedWith = sharedWith
        }

        public init(_ event: Event) {
            self.init(organisationID: event.organisationID, authorID: event.authorID, status: event.status,
                      confidentiality: event.confidentiality, sharedWith: event.sharedWith)
        }
    }

    /// The rule. Keep `EventSQLFilter` in the store in step with it (a test compares the two).
    public func allows(_ event: Facts) -> Bool {
        if none { return false }
        if event.authorID == accountID { return true }
        if publicOnly { return event.confidentiality == .public && event.status != .draft }
        if event.confidentiality == .protection { return protectionCompartment }
        if event.organisationID == organisationID { return true }
        if event.status == .draft { return false }
        switch event.confidentiality {
        case .public, .network: return true
        case .organisations: return event.sharedWith.contains(organisationID)
        case .protection: return false
        }
    }

    /// The compartment the identity policy weighs for a person in this event.
    public static func compartment(of event: Event) -> AccessPolicy.Compartment {
        switch event.confidentiality {
        case .public: .public
        case .network: .network
        case .organisations: .organisations(Set(event.sharedWith + [event.organisationID]))
        case .protection: .protection
        }
    }

    public static func resource(of event: Event) -> AccessPolicy.Resource {
        AccessPolicy.Resource(organisationID: event.organisationID, compartment: compartment(of: event), ownerAccount: event.authorID)
    }
}
