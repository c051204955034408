import Foundation

/// Who may do what, decided in one place. Every route and API endpoint asks this policy; anything
/// it does not explicitly allow is denied. Pure: the same inputs always give the same decision.
public enum AccessPolicy {
    public static func decide(_ subject: Subject, _ action: Action, on resource: Resource = .network) -> Decision {
        guard subject.status == .active else { return .deny("the account is disabled") }
        if subject.sealedAccessSuspended, Self.needsSealedAccess.contains(action) {
            return .deny("access to sealed data is suspended")
        }
        switch action {
        case .viewHome, .viewGazetteer, .viewDirectory, .manageOwnAccount, .viewStandards, .viewAwareness:
            return .allow
        case .manageOrganisations, .manageUsers, .importGazetteer, .viewAuditLog, .checkpointAuditLog, .importStandards, .announce:
            return subject.role == .coordinator ? .allow : .deny("only coordinators administer the network")
        case .viewCoordination:
            return subject.role == .partner ? .deny("the network's own coordination is for its members") : .allow
        case .recordCoordination:
            return [.coordinator, .documenter, .reviewer, .protectionOfficer, .analyst].contains(subject.role)
                ? .allow : .deny("this role does not record the network's work")
        case .viewIdentity, .viewPreciseLocation:
            return identityAccess(subject, resource)
        case .viewEvents, .exportEvents:
            return subject.role == .defender ? .deny("defenders use the protection pages") : .allow
        case .documentEvents:
            return [.documenter, .reviewer, .coordinator, .protectionOfficer].contains(subject.role)
                ? .allow : .deny("this role does not document events")
        case .importEvents:
            return [.documenter, .coordinator].contains(subject.role) ? .allow : .deny("only documenters and coordinators import")
        case .reviewEvents:
            return [.reviewer, .coordinator].contains(subject.role) ? .allow : .deny("only reviewers verify records")
        case .manageProtection:
            return subject.role == .protectionOfficer ? .allow : .deny("only protection officers see defenders' profiles")
        case .checkIn:
            return .allow
        }
    }

    /// What an account whose sealed access is suspended (after a duress sign-in) may no longer do. Lists
    /// of events stay reachable but come back empty (`EventVisibility`), so the session looks ordinary.
    static let needsSealedAccess: Set<Action> = [
        .viewIdentity, .viewPreciseLocation, .documentEvents, .importEvents, .exportEvents, .reviewEvents, .manageProtection,
        .manageUsers, .manageOrganisations, .viewAuditLog, .checkpointAuditLog, .importGazetteer, .checkIn,
        .importStandards, .announce, .viewCoordination, .recordCoordination,
    ]

    /// May `subject` change this event? Those who document, in the owning organisation (or its author),
    /// and only while the record is open for editing.
    public static func mayEdit(_ subject: Subject, _ event: EventVisibility.Facts) -> Decision {
        guard decide(subject, .documentEvents).isAllowed, EventVisibility(subject).allows(event) else {
            return .deny("you may not change this record")
        }
        guard subject.organisationID == event.organisationID || subject.id == event.authorID else {
            return .deny("only the owning organisation changes a record")
        }
        return VerificationWorkflow.isEditable(event.status) ? .allow : .deny("a concluded record is reopened before it is changed")
    }

    /// Identities are need-to-know: never for partners or analysts; the protection compartment only
    /// for protection officers; a compartment restricted to organisations only for their members.
    static func identityAccess(_ subject: Subject, _ resource: Resource) -> Decision {
        switch subject.role {
        case .partner, .analyst:
            return .deny("this role works with anonymised data only")
        case .defender:
            return resource.ownerAccount == subject.id ? .allow : .deny("defenders see only their own record")
        case .coordinator, .documenter, .reviewer, .protectionOfficer:
            break
        }
        switch resource.compartment {
        case .public, .network:
            return .allow
        case .organisations(let members):
            return members.contains(subject.organisationID) ? .allow : .deny("the record is restricted to other organisations")
        case .protection:
            return subject.role == .protectionOfficer || resource.ownerAccount == subject.id
                ? .allow : .deny("the record is in the protection compartment")
        }
    }
}

extension AccessPolicy {
    /// What someone is trying to do.
    public enum Action: String, CaseIterable, Sendable {
        case viewHome = "home.view"
        case viewGazetteer = "gazetteer.view"
        case viewDirectory = "directory.view"
        case manageOrganisations = "organisations.manage"
        case manageUsers = "users.manage"
        case importGazetteer = "gazetteer.import"
        case viewAuditLog = "audit.view"
        case checkpointAuditLog = "audit.checkpoint"
        case viewIdentity = "identity.view"
        /// One's own password, two-factor and sessions.
        case manageOwnAccount = "account.manage-own"
        /// Exact coordinates of a place; others see them rounded.
        case viewPreciseLocation = "location.view-precise"
        /// Lists, searches and reads the events the record policy lets the account see.
        case viewEvents = "events.view"
        case documentEvents = "events.document"
        case reviewEvents = "events.review"
        case importEvents = "events.import"
        case exportEvents = "events.export"
        /// Defenders' profiles, trusted contacts, check-in arrangements (protection officers only).
        case manageProtection = "protection.manage"
        /// One's own check-ins and alerts, for whoever has a defender profile.
        case checkIn = "protection.check-in"
        /// The standards library: instruments and their articles in every language.
        case viewStandards = "standards.view"
        case importStandards = "standards.import"
        /// Meetings, action points, referrals, announcements, essential-services issues (each record
        /// further limited to those it concerns).
        case viewCoordination = "coordination.view"
        case recordCoordination = "coordination.record"
        case announce = "coordination.announce"
        /// Awareness reach: counts only, so every account, partners too.
        case viewAwareness = "awareness.view"
    }

    /// The account asking.
    public struct Subject: Sendable, Equatable {
        public var id: UUID
        public var organisationID: UUID
        public var role: Role
        public var status: UserAccount.Status
        public var sealedAccessSuspended: Bool

        public init(id: UUID, organisationID: UUID, role: Role, status: UserAccount.Status = .active, sealedAccessSuspended: Bool = false) {
            self.id = id
            self.organisationID = organisationID
            self.role = role
            self.status = status
            self.sealedAccessSuspended = sealedAccessSuspended
        }

        public init(_ account: UserAccount) {
            self.init(id: account.id, organisationID: account.organisationID, role: account.role, status: account.status,
                      sealedAccessSuspended: account.sealedAccessSuspended)
        }
    }

    /// Who may see a record beyond its owning organisation.
    public enum Compartment: Sendable, Equatable {
        case `public`
        case network
        case organisations(Set<UUID>)
        case protection
    }

    /// The record acted on: its compartment and, for a defender's own record, the account it belongs to.
    public struct Resource: Sendable, Equatable {
        public var organisationID: UUID?
        public var compartment: Compartment
        public var ownerAccount: UUID?

        public init(organisationID: UUID? = nil, compartment: Compartment, ownerAccount: UUID? = nil) {
            self.organisationID = organisationID
            self.compartment = compartment
            self.ownerAccount = ownerAccount
        }

        public static let network = Resource(compartment: .network)
    }

    public enum Decision: Sendable, Equatable {
        case allow
        case deny(String)

        public var isAllowed: Bool { self == .allow }
    }
}
