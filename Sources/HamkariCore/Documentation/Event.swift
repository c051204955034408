import Foundation

/// A documented event: what happened, when and where, as the HURIDOCS Events Standard Formats
/// shape it: acts (each violation, with its victims and perpetrators), the people involved, the
/// sources of information and the interventions made. The title, narrative, village, exact
/// coordinates and every identity are sealed in storage; the facets counted in statistics are not.
public struct Event: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    /// The human reference, such as `TAK-1405-0042`, given when the event is first saved.
    public var reference: String
    public var organisationID: UUID
    public var authorID: UUID
    public var status: VerificationStatus
    public var confidentiality: Confidentiality
    /// The organisations an `organisations`-restricted event is shared with (besides its owner).
    public var sharedWith: [UUID]
    public var title: String
    public var description: String
    public var date: EventDate?
    public var provincePcode: String?
    public var districtPcode: String?
    public var village: String?
    public var coordinates: Coordinates?
    public var acts: [Act]
    public var people: [Person]
    public var sources: [Source]
    public var interventions: [Intervention]
    public var createdAt: Date
    public var updatedAt: Date
    /// Incremented by every save; an edit made on an older revision is refused rather than lost.
    public var revision: Int

    public init(
        id: UUID = UUIDv7.make(), reference: String = "", organisationID: UUID, authorID: UUID,
        status: VerificationStatus = .draft, confidentiality: Confidentiality = .network, sharedWith: [UUID] = [],
        title: String, description: String = "", date: EventDate? = nil,
        provincePcode: String? = nil, districtPcode: String? = nil, village: String? = nil, coordinates: Coordinates? = nil,
        acts: [Act] = [], people: [Person] = [], sources: [Source] = [], interventions: [Intervention] = [],
        createdAt: Date = Date(), updatedAt: Date = Date(), revision: Int = 0
    ) {
        self.id = id
        self.reference = reference
        self.organisationID = organisationID
        self.authorID = authorID
        self.status = status
        self.confidentiality = confidentiality
        self.sharedWith = sharedWith
        self.title = title
        self.description = description
        self.date = date
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.village = village
        self.coordinates = coordinates
        self.acts = acts
        self.people = people
        self.sources = sources
        self.interventions = interventions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
    }

    public func person(_ id: UUID?) -> Person? {
        id.flatMap { wanted in people.first { $0.id == wanted } }
    }

    /// The words a search may find this event by: its title, narrative and the notes on its acts.
    public var searchableText: String {
        Self.searchableText(title: title, description: description, actNotes: acts.map(\.notes))
    }

    /// The words a search finds an event by: never a person's identity.
    public static func searchableText(title: String, description: String, actNotes: [String]) -> String {
        ([title, description] + actNotes).joined(separator: "\n")
    }
}

/// Who may see an event beyond its owning organisation.
public enum Confidentiality: String, CaseIterable, Sendable, Codable {
    /// Shared with outside partners too (statistics still anonymised).
    case `public`
    /// Every member organisation of the network.
    case network
    /// Only the owner and the organisations it is shared with.
    case organisations
    /// The protection compartment: protection officers and the author only.
    case protection
}

public struct Coordinates: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    public var isValid: Bool { (-90...90).contains(latitude) && (-180...180).contains(longitude) }

    /// To a tenth of a degree (about 11 km): enough for a district map, too coarse to find a house.
    public var rounded: Coordinates {
        Coordinates(latitude: (latitude * 10).rounded() / 10, longitude: (longitude * 10).rounded() / 10)
    }
}

/// One violation within an event.
public struct Act: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    /// A code of the `act_type` vocabulary.
    public var type: String
    public var victim: Victim
    public var date: EventDate?
    /// Consequences and notes on the act (sealed, searchable).
    public var notes: String
    /// Codes of the `right_affected` vocabulary.
    public var rightsAffected: [String]
    public var involvements: [Involvement]

    public init(
        id: UUID = UUIDv7.make(), type: String, victim: Victim, date: EventDate? = nil, notes: String = "",
        rightsAffected: [String] = [], involvements: [Involvement] = []
    ) {
        self.id = id
        self.type = type
        self.victim = victim
        self.date = date
        self.notes = notes
        self.rightsAffected = rightsAffected
        self.involvements = involvements
    }
}

/// Who suffered an act: one person of the event, or a group counted without names.
public enum Victim: Hashable, Sendable, Codable {
    case person(UUID)
    case group(GroupCount)
}

public struct GroupCount: Hashable, Sendable, Codable {
    public var men: Int
    public var women: Int
    public var boys: Int
    public var girls: Int
    public var unknown: Int

    public init(men: Int = 0, women: Int = 0, boys: Int = 0, girls: Int = 0, unknown: Int = 0) {
        self.men = men
        self.women = women
        self.boys = boys
        self.girls = girls
        self.unknown = unknown
    }

    public var total: Int { men + women + boys + girls + unknown }
    public var isValid: Bool { [men, women, boys, girls, unknown].allSatisfy { (0...100_000).contains($0) } && total > 0 }
}

/// A perpetrator's part in an act: a person of the event, or a group described in words.
public struct Involvement: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var perpetratorPersonID: UUID?
    /// A group's name or description (sealed: it can point at a unit and so at people).
    public var perpetratorGroup: String?
    /// A code of the `perpetrator_type` vocabulary.
    public var perpetratorType: String
    /// A code of the `involvement_degree` vocabulary.
    public var degree: String

    public init(id: UUID = UUIDv7.make(), perpetratorPersonID: UUID? = nil, perpetratorGroup: String? = nil,
                perpetratorType: String, degree: String = "unknown") {
        self.id = id
        self.perpetratorPersonID = perpetratorPersonID
        self.perpetratorGroup = perpetratorGroup
        self.perpetratorType = perpetratorType
        self.degree = degree
    }
}

/// A victim, witness, source or individual perpetrator. The identity is sealed and shown only to
/// those the policy allows (each view audited); everyone else sees the pseudonymous code.
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public enum Role: String, CaseIterable, Sendable, Codable {
        case victim, witness, source, perpetrator
    }

    public enum Sex: String, CaseIterable, Sendable, Codable {
        case female, male, unknown
    }

    public enum AgeGroup: String, CaseIterable, Sendable, Codable {
        case child = "0-11"
        case adolescent = "12-17"
        case youngAdult = "18-25"
        case adult = "26-59"
        case elder = "60+"
        case unknown
        public var isChild: Bool { self == .child || self == .adolescent }
    }

    public enum Occupation: String, CaseIterable, Sendable, Codable {
        case student, teacher, healthWorker = "health_worker", journalist, lawyer, religiousScholar = "religious_scholar"
        case civilServant = "civil_servant", formerSecurityForces = "former_security_forces", farmer, activist, other, unknown
    }

    public var id: UUID
    /// Pseudonymous code, such as `P-4K7Q2M`: how the person is named to whoever may not see identities.
    public var code: String
    public var roles: Set<Role>
    /// Nil when the identity was not opened (the reader may not see it, or did not ask): saving
    /// a person with a nil identity keeps the stored one untouched.
    public var identity: PersonIdentity?
    public var sex: Sex
    public var ageGroup: AgeGroup
    public var occupation: Occupation
    public var isHumanRightsDefender: Bool
    public var isJournalist: Bool

    public init(
        id: UUID = UUIDv7.make(), code: String = "", roles: Set<Role>, identity: PersonIdentity? = nil,
        sex: Sex = .unknown, ageGroup: AgeGroup = .unknown, occupation: Occupation = .unknown,
        isHumanRightsDefender: Bool = false, isJournalist: Bool = false
    ) {
        self.id = id
        self.code = code
        self.roles = roles
        self.identity = identity
        self.sex = sex
        self.ageGroup = ageGroup
        self.occupation = occupation
        self.isHumanRightsDefender = isHumanRightsDefender
        self.isJournalist = isJournalist
    }

    /// A woman human rights defender, counted apart because she faces threats of her own.
    public var isWomanDefender: Bool { isHumanRightsDefender && sex == .female }
}

/// What names a person. Only ever stored sealed.
public struct PersonIdentity: Hashable, Sendable, Codable {
    public var name: String
    public var otherNames: String
    public var contact: String
    public var address: String

    public init(name: String = "", otherNames: String = "", contact: String = "", address: String = "") {
        self.name = name
        self.otherNames = otherNames
        self.contact = contact
        self.address = address
    }

    public var isEmpty: Bool { [name, otherNames, contact, address].allSatisfy(\.isEmpty) }
}

/// Where a piece of information came from, how far it can be trusted, and what the source allowed.
public struct Source: Hashable, Sendable, Codable, Identifiable {
    public enum Method: String, CaseIterable, Sendable, Codable {
        case interview, document, media, socialMedia = "social_media", observation, other
    }

    /// Source reliability, from A (completely reliable) to F (cannot be judged).
    public enum Reliability: String, CaseIterable, Sendable, Codable {
        case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"
    }

    /// What the source agreed the information may be used for.
    public enum Consent: String, CaseIterable, Sendable, Codable {
        /// May be used, with the facts, in public reports.
        case `public`
        /// May be used only in anonymised form.
        case anonymised
        /// For the network's own work only; never in any report.
        case `internal`
    }

    public var id: UUID
    /// The person of the event who gave the information, if any.
    public var personID: UUID?
    /// A member organisation that reported it, if any.
    public var organisationID: UUID?
    public var method: Method
    public var reliability: Reliability
    /// Information credibility from 1 (confirmed by other sources) to 6 (cannot be judged).
    public var credibility: Int
    public var consent: Consent
    public var receivedOn: EventDate?
    /// Notes on the source (sealed).
    public var notes: String

    public init(
        id: UUID = UUIDv7.make(), personID: UUID? = nil, organisationID: UUID? = nil, method: Method,
        reliability: Reliability = .f, credibility: Int = 6, consent: Consent = .internal, receivedOn: EventDate? = nil, notes: String = ""
    ) {
        self.id = id
        self.personID = personID
        self.organisationID = organisationID
        self.method = method
        self.reliability = reliability
        self.credibility = credibility
        self.consent = consent
        self.receivedOn = receivedOn
        self.notes = notes
    }
}

/// Something done about the event.
public struct Intervention: Hashable, Sendable, Codable, Identifiable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case referral, advocacyLetter = "advocacy_letter", legalAid = "legal_aid", medicalAid = "medical_aid"
        case unCommunication = "un_communication", other
        /// What the authorities did (an investigation, an arrest, nothing): the special procedures ask.
        case authorityAction = "authority_action"
        /// What the victim or the family did (a complaint, a search): the special procedures ask.
        case familyAction = "family_action"
    }

    public enum Status: String, CaseIterable, Sendable, Codable {
        case planned, ongoing, done, noResponse = "no_response"
    }

    public var id: UUID
    public var kind: Kind
    public var organisationID: UUID?
    public var date: EventDate?
    public var status: Status
    /// The response received, and notes (sealed).
    public var response: String

    public init(id: UUID = UUIDv7.make(), kind: Kind, organisationID: UUID? = nil, date: EventDate? = nil,
                status: Status = .planned, response: String = "") {
        self.id = id
        self.kind = kind
        self.organisationID = organisationID
        self.date = date
        self.status = status
        self.response = response
    }
}
