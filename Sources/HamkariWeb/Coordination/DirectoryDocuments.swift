import Foundation
import HamkariCore

/// The JSON shapes of the member directory.
enum DirectoryDocuments {
    static func names(_ names: LocalizedNames) -> [String: String?] {
        [AppLocale.english.tag: names.english, AppLocale.dari.tag: names.dari, AppLocale.pashto.tag: names.pashto, AppLocale.uzbek.tag: names.uzbek]
    }

    struct Membership: Encodable, Sendable {
        let networkId: String
        let organisationId: String
        let status: String
        let since: String?

        init(_ membership: NetworkMembership) {
            networkId = membership.networkID.text
            organisationId = membership.organisationID.text
            status = membership.status.rawValue
            since = membership.since?.numeric
        }
    }

    struct FocalPointDocument: Encodable, Sendable {
        let id: String
        let accountLogin: String?
        let name: String?
        let role: String?
        let phone: String?
        let email: String?
        let messenger: String?

        init(_ point: FocalPoint, login: String?) {
            id = point.id.text
            accountLogin = login
            name = point.contact?.name
            role = point.contact?.role
            phone = point.contact?.phone
            email = point.contact?.email
            messenger = point.contact?.messenger
        }
    }

    struct Organisation: Encodable, Sendable {
        let id: String
        let names: [String: String?]
        let kind: String
        let provincePcode: String?
        let districtPcode: String?
        let areas: [String]
        let themes: [String]
        let memberships: [Membership]
        /// Only for those who may read contacts (coordinators and the organisation itself); the reading is audited.
        let focalPoints: [FocalPointDocument]?

        init(_ profile: OrganisationProfile, focalPoints: [FocalPointDocument]? = nil) {
            let organisation = profile.organisation
            id = organisation.id.text
            names = DirectoryDocuments.names(organisation.names)
            kind = organisation.kind.rawValue
            provincePcode = organisation.provincePcode
            districtPcode = organisation.districtPcode
            areas = profile.areas
            themes = profile.themes.map(\.rawValue)
            memberships = profile.memberships.map(Membership.init)
            self.focalPoints = focalPoints
        }

        enum CodingKeys: String, CodingKey { case id, names, kind, provincePcode, districtPcode, areas, themes, memberships, focalPoints }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(names, forKey: .names)
            try container.encode(kind, forKey: .kind)
            try container.encode(provincePcode, forKey: .provincePcode)
            try container.encode(districtPcode, forKey: .districtPcode)
            try container.encode(areas, forKey: .areas)
            try container.encode(themes, forKey: .themes)
            try container.encode(memberships, forKey: .memberships)
            try container.encodeIfPresent(focalPoints, forKey: .focalPoints)
        }
    }

    struct Organisations: Encodable, Sendable {
        let organisations: [Organisation]
    }

    struct NetworkDocument: Encodable, Sendable {
        let id: String
        let names: [String: String?]
        let region: [String]
        let members: [Membership]

        init(_ network: Network, members: [NetworkMembership]) {
            id = network.id.text
            names = DirectoryDocuments.names(network.names)
            region = network.region
            self.members = members.map(Membership.init)
        }
    }

    struct Networks: Encodable, Sendable {
        let networks: [NetworkDocument]
    }
}
