import Foundation

/// A human rights defender the network protects: linked to their account or not. Who they are,
/// where they are and who their trusted contacts are is sealed in storage and shown only to the
/// network's protection officers and to the defender themself.
public struct DefenderProfile: Hashable, Sendable, Identifiable {
    public enum AreaOfWork: String, CaseIterable, Sendable, Codable {
        case womensRights = "womens_rights", children, mediaFreedom = "media_freedom", legalAid = "legal_aid", peacebuilding
        case minorityRights = "minority_rights", education, health, landRights = "land_rights", other
    }

    public var id: UUID
    /// The defender's own account, when they have one (they then see their profile and check in).
    public var accountID: UUID?
    public var organisationIDs: [UUID]
    public var districtPcodes: [String]
    public var areasOfWork: [AreaOfWork]
    public var identity: DefenderIdentity
    public var trustedContacts: [TrustedContact]
    public var createdAt: Date

    public init(
        id: UUID = UUIDv7.make(), accountID: UUID? = nil, organisationIDs: [UUID] = [], districtPcodes: [String] = [],
        areasOfWork: [AreaOfWork] = [], identity: DefenderIdentity, trustedContacts: [TrustedContact] = [], createdAt: Date = Date()
    ) {
        self.id = id
        self.accountID = accountID
        self.organisationIDs = organisationIDs
        self.districtPcodes = districtPcodes
        self.areasOfWork = areasOfWork
        self.identity = identity
        self.trustedContacts = trustedContacts
        self.createdAt = createdAt
    }
}

/// What names and locates a defender. Only ever stored sealed.
public struct DefenderIdentity: Hashable, Sendable, Codable {
    public var name: String
    /// The name colleagues and trusted contacts know them by: the only name an alert carries.
    public var knownAs: String
    /// How to reach the defender themself ("are you safe?"): an e-mail address and/or a phone for the gateway.
    public var email: String
    public var phone: String
    public var whereabouts: String

    public init(name: String, knownAs: String = "", email: String = "", phone: String = "", whereabouts: String = "") {
        self.name = name
        self.knownAs = knownAs
        self.email = email
        self.phone = phone
        self.whereabouts = whereabouts
    }

    /// The name used in alerts: what contacts know, never more.
    public var alertName: String { knownAs.isEmpty ? name : knownAs }
}

/// Someone the defender trusts, told when a check-in is missed or an alert is raised. Sealed.
public struct TrustedContact: Hashable, Sendable, Codable {
    public var name: String
    public var email: String
    /// A phone number for the SMS or messaging gateway behind the webhook.
    public var phone: String

    public init(name: String, email: String = "", phone: String = "") {
        self.name = name
        self.email = email
        self.phone = phone
    }

    public var isReachable: Bool { !email.isEmpty || !phone.isEmpty }
}
