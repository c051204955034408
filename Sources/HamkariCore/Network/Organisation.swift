import Foundation

/// A member organisation of the network.
public struct Organisation: Hashable, Sendable, Codable, Identifiable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case ngo
        case womensAssociation = "womens_association"
        case youthGroup = "youth_group"
        case mediaOutlet = "media_outlet"
        case lawyersAssociation = "lawyers_association"
        case communityCouncil = "community_council"
        case religiousScholars = "religious_scholars"
        case professionalUnion = "professional_union"
        case other
    }

    public var id: UUID
    /// The name in each interface language; English is required, others fall back to it.
    public var names: LocalizedNames
    public var kind: Kind
    public var provincePcode: String?
    public var districtPcode: String?
    public var createdAt: Date

    public init(
        id: UUID = UUIDv7.make(), names: LocalizedNames, kind: Kind,
        provincePcode: String? = nil, districtPcode: String? = nil, createdAt: Date = Date()
    ) {
        self.id = id
        self.names = names
        self.kind = kind
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.createdAt = createdAt
    }
}

/// A name written in the interface languages, of which English is always present.
public struct LocalizedNames: Hashable, Sendable, Codable {
    public var english: String
    public var dari: String?
    public var pashto: String?
    public var uzbek: String?

    public init(english: String, dari: String? = nil, pashto: String? = nil, uzbek: String? = nil) {
        self.english = english
        self.dari = dari
        self.pashto = pashto
        self.uzbek = uzbek
    }

    public func name(in locale: AppLocale) -> String {
        let localized: String? = switch locale {
        case .english: english
        case .dari: dari
        case .pashto: pashto ?? dari
        case .uzbek: uzbek
        }
        guard let localized, !localized.isEmpty else { return english }
        return localized
    }
}
