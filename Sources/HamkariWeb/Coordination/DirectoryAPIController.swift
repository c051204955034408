import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The member directory through the API: organisations with their areas, themes, memberships and
/// (for those allowed) focal points; networks and who belongs to them.
struct DirectoryAPIController: Sendable {
    let store: Store
    var inputs: DirectoryInputs { DirectoryInputs(store: store) }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/organisations", .viewDirectory) { request, _, _ in
            let filter = try DirectoryFilter(request.uri.queryParameters, store: store)
            let profiles = try await filter.apply(store)
            return JSONBody(value: DirectoryDocuments.Organisations(organisations: profiles.map { DirectoryDocuments.Organisation($0) }))
        }
        guarded.allowed(.post, "/api/v1/organisations", .manageOrganisations) { request, context, identity in
            let fields = try await decode(OrganisationFields.self, request, context)
            let blank = OrganisationProfile(organisation: Organisation(names: LocalizedNames(english: ""), kind: .ngo))
            let profile = try await inputs.applying(fields, to: blank)
            try await store.directory.create(profile, actor: identity.user.id.text)
            return JSONBody(value: DirectoryDocuments.Organisation(profile), status: .created,
                            location: "/api/v1/organisations/\(profile.organisation.id.text)")
        }
        guarded.allowed(.get, "/api/v1/organisations/{id}", .viewDirectory) { _, context, identity in
            let profile = try await inputs.profile(context)
            return JSONBody(value: DirectoryDocuments.Organisation(profile, focalPoints: try await focalPoints(of: profile, identity)))
        }
        guarded.allowed(.patch, "/api/v1/organisations/{id}", .recordCoordination) { request, context, identity in
            let original = try await inputs.profile(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: original.organisation.id) else { throw AppError.forbidden }
            let profile = try await inputs.applying(try await decode(OrganisationFields.self, request, context), to: original)
            try await store.directory.update(profile, actor: identity.user.id.text)
            return JSONBody(value: DirectoryDocuments.Organisation(profile))
        }
        guarded.allowed(.post, "/api/v1/organisations/{id}/focal-points", .recordCoordination) { request, context, identity in
            let profile = try await inputs.profile(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: profile.organisation.id) else { throw AppError.forbidden }
            let point = try await inputs.focalPoint(try await decode(FocalPointFields.self, request, context), of: profile.organisation.id)
            try await store.directory.addFocalPoint(point, to: profile.organisation.id, actor: identity.user.id.text)
            return JSONBody(value: DirectoryDocuments.Organisation(try await store.directory.profile(of: profile.organisation.id) ?? profile,
                                                                   focalPoints: try await focalPoints(of: profile, identity)), status: .created)
        }
        guarded.allowed(.delete, "/api/v1/organisations/{id}/focal-points/{point}", .recordCoordination) { _, context, identity in
            let profile = try await inputs.profile(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: profile.organisation.id) else { throw AppError.forbidden }
            guard let point = context.parameters.get("point").flatMap(UUID.init(uuidString:)) else { throw AppError.invalidID }
            try await store.directory.removeFocalPoint(point, of: profile.organisation.id, actor: identity.user.id.text)
            return Response(status: .noContent)
        }
        guarded.allowed(.get, "/api/v1/networks", .viewDirectory) { _, _, _ in
            let memberships = try await store.directory.memberships()
            return JSONBody(value: DirectoryDocuments.Networks(networks: try await store.directory.networks().map { network in
                DirectoryDocuments.NetworkDocument(network, members: memberships.filter { $0.networkID == network.id })
            }))
        }
        guarded.allowed(.post, "/api/v1/networks", .manageOrganisations) { request, context, identity in
            let network = try await inputs.network(from: try await decode(NetworkFields.self, request, context))
            try await store.directory.createNetwork(network, actor: identity.user.id.text)
            return JSONBody(value: DirectoryDocuments.NetworkDocument(network, members: []), status: .created,
                            location: "/api/v1/networks/\(network.id.text)")
        }
        guarded.allowed(.get, "/api/v1/networks/{id}", .viewDirectory) { _, context, _ in
            let network = try await inputs.network(context)
            return JSONBody(value: DirectoryDocuments.NetworkDocument(network, members: try await store.directory.memberships(of: network.id)))
        }
        guarded.allowed(.put, "/api/v1/networks/{id}/members/{organisation}", .manageOrganisations) { request, context, identity in
            let network = try await inputs.network(context)
            guard let organisation = context.parameters.get("organisation").flatMap(UUID.init(uuidString:)) else { throw AppError.invalidID }
            guard try await store.directory.profile(of: organisation) != nil else { throw AppError.notFound }
            let membership = try inputs.membership(try await decode(MembershipFields.self, request, context), network: network.id,
                                                   organisation: organisation, calendar: context.calendar)
            try await store.directory.setMembership(membership, actor: identity.user.id.text)
            return JSONBody(value: DirectoryDocuments.NetworkDocument(network, members: try await store.directory.memberships(of: network.id)))
        }
    }

    /// The focal points with contacts for those who may read them (the reading is audited); nil for anyone else.
    private func focalPoints(of profile: OrganisationProfile, _ identity: SignedIn) async throws -> [DirectoryDocuments.FocalPointDocument]? {
        guard CoordinationPolicy.mayReadContacts(identity.subject, of: profile.organisation.id) else { return nil }
        var documents: [DirectoryDocuments.FocalPointDocument] = []
        for point in try await store.directory.focalPointsRevealing(of: profile.organisation.id, viewer: identity.user.id.text) {
            let login = try await point.accountID.asyncMap { try await store.users.find(id: $0)?.login } ?? nil
            documents.append(DirectoryDocuments.FocalPointDocument(point, login: login))
        }
        return documents
    }
}

/// The directory's filters: a district (the organisations working there or in its whole province),
/// a province, a theme.
struct DirectoryFilter: Sendable {
    var district: String?
    var province: String?
    var theme: Theme?

    init() {}

    init(_ parameters: some Sequence<(key: Substring, value: Substring)>, store: Store) throws {
        for (key, value) in parameters where !value.isEmpty {
            switch key {
            case "district": district = DirectoryValidation.code(String(value))
            case "province": province = DirectoryValidation.code(String(value))
            case "theme":
                guard let theme = Theme(rawValue: String(value)) else {
                    throw AppError.invalid([ValidationIssue(field: "theme", messageKey: "invalid_themes")], code: "invalid_query",
                                           messageKey: "error_invalid_query")
                }
                self.theme = theme
            default: break
            }
        }
    }

    func apply(_ store: Store) async throws -> [OrganisationProfile] {
        try await store.directory.directory(district: district, province: province, theme: theme)
    }
}

extension Optional {
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
