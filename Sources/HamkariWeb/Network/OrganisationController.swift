import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Member organisations: a page and the JSON API.
struct OrganisationController: Sendable {
    let store: Store
    let renderer: PageRenderer
    let localizer: Localizer

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/organisations", .viewDirectory) { request, context, _ in
            let locale = context.locale
            let organisations = try await store.organisations.all()
            let places = try await placeNames(for: organisations, locale: locale)
            let rows = organisations.map { organisation -> [String: Any] in
                [
                    "name": organisation.names.name(in: locale),
                    "kind": localizer.string("kind_\(organisation.kind.rawValue)", locale),
                    "place": places[organisation.districtPcode ?? organisation.provincePcode ?? ""] ?? "",
                ]
            }
            return renderer.render(
                "organisations", title: localizer.string("organisations_title", locale),
                values: ["organisations": rows, "hasOrganisations": !rows.isEmpty],
                networkName: try await store.networkName(), request: request, context: context
            )
        }
        guarded.allowed(.get, "/api/v1/organisations", .viewDirectory) { _, _, _ in
            let organisations = try await store.organisations.all()
            return JSONBody(value: OrganisationList(organisations: organisations.map(OrganisationDTO.init)))
        }
        guarded.allowed(.get, "/api/v1/organisations/{id}", .viewDirectory) { _, context, _ in
            guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
            guard let organisation = try await store.organisations.find(id: id) else { throw AppError.notFound }
            return JSONBody(value: OrganisationDTO(organisation))
        }
    }

    /// "Taloqan, Takhar" in the reader's script, keyed by the organisation's district (or province) P-code.
    private func placeNames(for organisations: [Organisation], locale: AppLocale) async throws -> [String: String] {
        var names: [String: String] = [:]
        for pcode in Set(organisations.compactMap { $0.districtPcode ?? $0.provincePcode }) {
            guard let unit = try await store.gazetteer.unit(pcode: pcode) else { continue }
            var name = unit.name(in: locale)
            if unit.level == .district, let province = try await store.gazetteer.unit(pcode: unit.parentPcode) {
                name += locale.isRightToLeft ? "، " : ", "
                name += province.name(in: locale)
            }
            names[pcode] = name
        }
        return names
    }
}

struct OrganisationDTO: Encodable, Sendable {
    let id: String
    let names: [String: String?]
    let kind: String
    let provincePcode: String?
    let districtPcode: String?

    init(_ organisation: Organisation) {
        id = organisation.id.uuidString.lowercased()
        names = [
            AppLocale.english.tag: organisation.names.english,
            AppLocale.dari.tag: organisation.names.dari,
            AppLocale.pashto.tag: organisation.names.pashto,
            AppLocale.uzbek.tag: organisation.names.uzbek,
        ]
        kind = organisation.kind.rawValue
        provincePcode = organisation.provincePcode
        districtPcode = organisation.districtPcode
    }

    enum CodingKeys: String, CodingKey { case id, names, kind, provincePcode, districtPcode }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(names, forKey: .names)
        try container.encode(kind, forKey: .kind)
        try container.encode(provincePcode, forKey: .provincePcode)
        try container.encode(districtPcode, forKey: .districtPcode)
    }
}

struct OrganisationList: Encodable, Sendable {
    let organisations: [OrganisationDTO]
}
