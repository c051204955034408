import Foundation

/// Who may do what, decided in one place. Every route and API endpoint asks this policy; anything
/// it does not explicitly allow is denied. Pure: the same inputs always give the same decision.
public enum AccessPolicy {
    public static func decide(_ subject: Subject, _ action: Action, on resource: Resource = .network) -> Decision {
        guard subject.status == .active else { return .deny("the account is disabled") }
        switch action {
        case .viewHome, .viewGazetteer, .viewDirectory, .manageOwnAccount:
            return .allow
        case .manageOrganisations, .manageUsers, .importGazetteer, .viewAuditLog, .checkpointAuditLog:
            return subject.role == .coordinator ? .allow : .deny("only coordinators administer the network")
        case .viewIdentity:
            return identityAccess(subject, resource)
        }
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
    }

    /// The account asking.
    public struct Subject: Sendable, Equatable {
        public var id: UUID
        public var organisationID: UUID
        public var role: Role
        public var status: UserAccount.Status

        public init(id: UUID, organisationID: UUID, role: Role, status: UserAccount.Status = .active) {
            self.id = id
            self.organisationID = organisationID
            self.role = role
            self.status = status
        }

        public init(_ account: UserAccount) {
            self.init(id: account.id, organisationID: account.organisationID, role: account.role, status: account.status)
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
