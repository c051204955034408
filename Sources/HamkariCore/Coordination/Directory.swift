import Foundation

/// What a member organisation works on, for the directory by theme.
public enum Theme: String, CaseIterable, Sendable, Codable {
    case womensRights = "womens_rights"
    case children
    case mediaFreedom = "media_freedom"
    case legalAid = "legal_aid"
    case peacebuilding
    case education
    case health
    case disability
    case minorities
    case displacement
    case livelihoods
    case civicParticipation = "civic_participation"
    case humanRightsDefenders = "human_rights_defenders"
    case environment
}

/// An organisation's place in the directory: the provinces and districts it covers, its themes,
/// and the people to contact there.
public struct OrganisationProfile: Hashable, Sendable {
    public var organisation: Organisation
    /// P-codes of provinces (the whole province) and districts.
    public var areas: [String]
    public var themes: [Theme]
    public var memberships: [NetworkMembership]
    public var focalPoints: [FocalPoint]

    public init(organisation: Organisation, areas: [String] = [], themes: [Theme] = [], memberships: [NetworkMembership] = [],
                focalPoints: [FocalPoint] = []) {
        self.organisation = organisation
        self.areas = areas
        self.themes = themes
        self.memberships = memberships
        self.focalPoints = focalPoints
    }

    /// Whether the organisation works in `district` (of `province`): the district itself, or its whole province.
    public func covers(district: String, province: String) -> Bool {
        areas.contains(district) || areas.contains(province)
    }
}

/// A network of organisations in a region (provinces); an organisation may belong to several.
public struct Network: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var names: LocalizedNames
    /// P-codes of the provinces it works in.
    public var region: [String]
    public var createdAt: Date

    public init(id: UUID = UUIDv7.make(), names: LocalizedNames, region: [String], createdAt: Date = Date()) {
        self.id = id
        self.names = names
        self.region = region
        self.createdAt = createdAt
    }
}

public struct NetworkMembership: Hashable, Sendable {
    public enum Status: String, CaseIterable, Sendable, Codable {
        case member, observer, suspended, former
    }

    public var networkID: UUID
    public var organisationID: UUID
    public var status: Status
    /// Since when (a Gregorian ISO day), however it was entered.
    public var since: CalendarDay?

    public init(networkID: UUID, organisationID: UUID, status: Status, since: CalendarDay?) {
        self.networkID = networkID
        self.organisationID = organisationID
        self.status = status
        self.since = since
    }
}

/// Someone to contact at an organisation: one of its accounts, or a person whose name and
/// channels are sealed (read only by coordinators and the organisation itself, and audited).
public struct FocalPoint: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var accountID: UUID?
    /// Nil when not opened (or an account).
    public var contact: FocalPointContact?

    public init(id: UUID = UUIDv7.make(), accountID: UUID? = nil, contact: FocalPointContact? = nil) {
        self.id = id
        self.accountID = accountID
        self.contact = contact
    }
}

public struct FocalPointContact: Hashable, Sendable, Codable {
    public var name: String
    public var role: String?
    public var phone: String?
    public var email: String?
    /// Signal, WhatsApp or another messenger, as the person gives it.
    public var messenger: String?

    public init(name: String, role: String? = nil, phone: String? = nil, email: String? = nil, messenger: String? = nil) {
        self.name = name
        self.role = role
        self.phone = phone
        self.email = email
        self.messenger = messenger
    }
}
