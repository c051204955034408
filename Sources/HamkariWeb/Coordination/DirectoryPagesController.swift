import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The member directory's pages: organisations by district and theme, an organisation's profile
/// with its focal points (for those allowed), its forms; networks and their members.
struct DirectoryPagesController: Sendable {
    let store: Store
    let renderer: PageRenderer
    var inputs: DirectoryInputs { DirectoryInputs(store: store) }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/organisations", .viewDirectory) { request, context, identity in
            try await directoryPage(request, context, identity)
        }
        guarded.allowed(.get, "/organisations/new", .manageOrganisations) { request, context, identity in
            let blank = OrganisationProfile(organisation: Organisation(names: LocalizedNames(english: ""), kind: .ngo))
            return try await formPage(blank, isNew: true, issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/organisations", .manageOrganisations) { request, context, identity in
            var request = request
            let fields = Self.organisationFields(try await FormFields.read(&request))
            let blank = OrganisationProfile(organisation: Organisation(names: LocalizedNames(english: ""), kind: .ngo))
            return try await FormSubmission.handle(request, context, save: {
                let profile = try await inputs.applying(fields, to: blank)
                try await store.directory.create(profile, actor: identity.user.id.text)
                return "/organisations/\(profile.organisation.id.text)"
            }, failed: { issues in
                try await formPage(try await inputs.draft(fields, over: blank), isNew: true, issues: issues, request, context, identity)
            })
        }
        guarded.allowed(.get, "/organisations/{id}", .viewDirectory) { request, context, identity in
            try await profilePage(try await inputs.profile(context), issues: [], request, context, identity)
        }
        guarded.allowed(.get, "/organisations/{id}/edit", .recordCoordination) { request, context, identity in
            let profile = try await inputs.profile(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: profile.organisation.id) else { throw AppError.forbidden }
            return try await formPage(profile, isNew: false, issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/organisations/{id}/edit", .recordCoordination) { request, context, identity in
            let original = try await inputs.profile(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: original.organisation.id) else { throw AppError.forbidden }
            var request = request
            let fields = Self.organisationFields(try await FormFields.read(&request))
            return try await FormSubmission.handle(request, context, save: {
                try await store.directory.update(try await inputs.applying(fields, to: original), actor: identity.user.id.text)
                return "/organisations/\(original.organisation.id.text)"
            }, failed: { issues in
                try await formPage(try await inputs.draft(fields, over: original), isNew: false, issues: issues, request, context, identity)
            })
        }
        guarded.allowed(.post, "/organisations/{id}/focal-points", .recordCoordination) { request, context, identity in
            let profile = try await inputs.profile(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: profile.organisation.id) else { throw AppError.forbidden }
            var request = request
            let form = try await FormFields.read(&request)
            let fields = FocalPointFields(accountLogin: form["accountLogin"], name: form["name"], role: form["role"], phone: form["phone"],
                                          email: form["email"], messenger: form["messenger"])
            return try await FormSubmission.handle(request, context, save: {
                try await store.directory.addFocalPoint(try await inputs.focalPoint(fields, of: profile.organisation.id), to: profile.organisation.id,
                                                        actor: identity.user.id.text)
                return "/organisations/\(profile.organisation.id.text)"
            }, failed: { issues in try await profilePage(profile, issues: issues, request, context, identity) })
        }
        guarded.allowed(.post, "/organisations/{id}/focal-points/{point}/remove", .recordCoordination) { _, context, identity in
            let profile = try await inputs.profile(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: profile.organisation.id) else { throw AppError.forbidden }
            guard let point = context.parameters.get("point").flatMap(UUID.init(uuidString:)) else { throw AppError.invalidID }
            try await store.directory.removeFocalPoint(point, of: profile.organisation.id, actor: identity.user.id.text)
            return Response.redirect(to: "/organisations/\(profile.organisation.id.text)", type: .found)
        }
        guarded.allowed(.get, "/networks", .viewDirectory) { request, context, identity in
            try await networksPage(issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/networks", .manageOrganisations) { request, context, identity in
            var request = request
            let form = try await FormFields.read(&request)
            let fields = NetworkFields(names: Self.names(form), region: form.keys.filter { $0.hasPrefix("region_") }.map { String($0.dropFirst(7)) })
            return try await FormSubmission.handle(request, context, save: {
                let network = try await inputs.network(from: fields)
                try await store.directory.createNetwork(network, actor: identity.user.id.text)
                return "/networks/\(network.id.text)"
            }, failed: { issues in try await networksPage(issues: issues, request, context, identity) })
        }
        guarded.allowed(.get, "/networks/{id}", .viewDirectory) { request, context, identity in
            try await networkPage(try await inputs.network(context), issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/networks/{id}/members", .manageOrganisations) { request, context, identity in
            let network = try await inputs.network(context)
            var request = request
            let form = try await FormFields.read(&request)
            return try await FormSubmission.handle(request, context, save: {
                guard let organisation = form["organisation"].flatMap(UUID.init(uuidString:)),
                      try await store.directory.profile(of: organisation) != nil else {
                    throw AppError.invalid([ValidationIssue(field: "organisation", messageKey: "invalid_organisation")])
                }
                let fields = MembershipFields(status: form["status"], since: form["since"], calendar: form["calendar"])
                try await store.directory.setMembership(try inputs.membership(fields, network: network.id, organisation: organisation,
                                                                              calendar: context.calendar), actor: identity.user.id.text)
                return "/networks/\(network.id.text)"
            }, failed: { issues in try await networkPage(network, issues: issues, request, context, identity) })
        }
    }

    private func view(_ context: AppRequestContext) async throws -> DirectoryView {
        DirectoryView(localizer: renderer.localizer, locale: context.locale, calendar: context.calendar,
                      places: try await store.gazetteer.byPcode(),
                      networks: Dictionary(uniqueKeysWithValues: try await store.directory.networks().map { ($0.id, $0) }))
    }

    private func directoryPage(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await view(context)
        var values: [String: Any] = ["issues": [[String: Any]]()]
        var filter = DirectoryFilter()
        do {
            filter = try DirectoryFilter(request.uri.queryParameters, store: store)
        } catch let error as AppError {
            values["issues"] = error.issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
        }
        let profiles = try await filter.apply(store)
        let eventView = EventViewModel(localizer: renderer.localizer, context: context, units: Array(view.places.values),
                                       organisations: try await store.organisations.all())
        values["organisations"] = profiles.map(view.row)
        values["hasOrganisations"] = !profiles.isEmpty
        values["districtOptions"] = renderer.optionGroups(eventView.districtGroups(selected: filter.district, within: filter.province))
            .selecting(filter.district)
        values["provinceOptions"] = renderer.options(eventView.provinceOptions(selected: nil)).selecting(filter.province)
        values["themes"] = Theme.allCases.map { ["value": $0.rawValue, "label": view.text("theme_\($0.rawValue)"), "selected": $0 == filter.theme] }
        values["mayManage"] = AccessPolicy.decide(identity.subject, .manageOrganisations).isAllowed
        return try await renderer.formPage(store, "organisations", title: view.text("organisations_title"), values, request, context, identity)
    }

    private func profilePage(
        _ profile: OrganisationProfile, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn
    ) async throws -> HTMLPage {
        let view = try await view(context)
        let organisation = profile.organisation
        var values = view.row(profile)
        values["memberships"] = view.memberships(profile.memberships)
        values["mayEdit"] = CoordinationPolicy.mayEditProfile(identity.subject, of: organisation.id)
        values["issues"] = issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
        if CoordinationPolicy.mayReadContacts(identity.subject, of: organisation.id) {
            values["mayReadContacts"] = true
            var points: [[String: Any]] = []
            for point in try await store.directory.focalPointsRevealing(of: organisation.id, viewer: identity.user.id.text) {
                let login = try await point.accountID.asyncMap { try await store.users.find(id: $0)?.login } ?? nil
                points.append(["pointId": point.id.text, "login": login ?? "", "name": point.contact?.name ?? "", "role": point.contact?.role ?? "",
                               "channels": [point.contact?.phone, point.contact?.email, point.contact?.messenger].compactMap { $0 }.joined(separator: " · ")])
            }
            values["focalPoints"] = points
        }
        return try await renderer.formPage(store, "organisation", title: organisation.names.name(in: context.locale), values, request, context, identity)
    }

    private func formPage(
        _ profile: OrganisationProfile, isNew: Bool, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext,
        _ identity: SignedIn
    ) async throws -> HTMLPage {
        let view = try await view(context)
        let organisation = profile.organisation
        let eventView = EventViewModel(localizer: renderer.localizer, context: context, units: Array(view.places.values),
                                       organisations: try await store.organisations.all())
        var districtProvinces = Set(profile.areas.compactMap { code in view.places[code].map { $0.level == .province ? $0.pcode : $0.parentPcode } })
        if let province = organisation.provincePcode { districtProvinces.insert(province) }
        let values: [String: Any] = [
            "isNew": isNew, "action": isNew ? "/organisations" : "/organisations/\(organisation.id.text)/edit", "id": organisation.id.text,
            "nameEn": organisation.names.english, "nameFa": organisation.names.dari ?? "", "namePs": organisation.names.pashto ?? "",
            "nameUz": organisation.names.uzbek ?? "",
            "kinds": Organisation.Kind.allCases.map { ["value": $0.rawValue, "label": view.text("kind_\($0.rawValue)"), "selected": $0 == organisation.kind] },
            "provinceOptions": renderer.options(eventView.provinceOptions(selected: nil)).selecting(organisation.provincePcode),
            "districtOptions": renderer.optionGroups(eventView.districtGroups(selected: organisation.districtPcode, within: organisation.provincePcode))
                .selecting(organisation.districtPcode),
            "provinceAreas": view.provinceChoices(chosen: profile.areas),
            "districtAreas": view.districtChoices(in: districtProvinces, chosen: profile.areas),
            "themes": view.themeOptions(chosen: profile.themes),
            "issues": issues.map { ["field": $0.field, "message": view.text($0.messageKey)] },
        ]
        return try await renderer.formPage(store, "organisation-form", title: view.text(isNew ? "organisation_new" : "organisation_edit"), values, request, context, identity)
    }

    private func networksPage(issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await view(context)
        let memberships = try await store.directory.memberships()
        let values: [String: Any] = [
            "networks": try await store.directory.networks().map { network -> [String: Any] in
                ["id": network.id.text, "name": network.names.name(in: context.locale), "region": view.areas(network.region),
                 "members": Numerals.format(memberships.filter { $0.networkID == network.id && $0.status == .member }.count, for: context.locale)]
            },
            "mayManage": AccessPolicy.decide(identity.subject, .manageOrganisations).isAllowed,
            "provinces": view.provinceChoices(chosen: []),
            "issues": issues.map { ["field": $0.field, "message": view.text($0.messageKey)] },
        ]
        return try await renderer.formPage(store, "networks", title: view.text("networks_title"), values, request, context, identity)
    }

    private func networkPage(
        _ network: Network, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn
    ) async throws -> HTMLPage {
        let view = try await view(context)
        let profiles = Dictionary(uniqueKeysWithValues: try await store.directory.profiles().map { ($0.organisation.id, $0) })
        let members = try await store.directory.memberships(of: network.id)
        let values: [String: Any] = [
            "id": network.id.text, "name": network.names.name(in: context.locale), "region": view.areas(network.region),
            "members": members.map { membership -> [String: Any] in
                ["organisation": profiles[membership.organisationID]?.organisation.names.name(in: context.locale) ?? "",
                 "organisationId": membership.organisationID.text, "status": view.text("membership_\(membership.status.rawValue)"),
                 "since": view.day(membership.since)]
            },
            "mayManage": AccessPolicy.decide(identity.subject, .manageOrganisations).isAllowed,
            "organisations": profiles.values.sorted { $0.organisation.names.english < $1.organisation.names.english }
                .map { ["value": $0.organisation.id.text, "label": $0.organisation.names.name(in: context.locale)] },
            "statuses": NetworkMembership.Status.allCases.map { ["value": $0.rawValue, "label": view.text("membership_\($0.rawValue)")] },
            "calendars": CalendarSystem.allCases.map { option -> [String: Any] in
                ["value": option.rawValue, "label": view.text(option == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri"),
                 "selected": option == context.calendar]
            },
            "issues": issues.map { ["field": $0.field, "message": view.text($0.messageKey)] },
        ]
        return try await renderer.formPage(store, "network", title: network.names.name(in: context.locale), values, request, context, identity)
    }

    static func names(_ form: [String: String]) -> [String: String] {
        ["en": form["name_en"] ?? "", "fa-AF": form["name_fa"] ?? "", "ps": form["name_ps"] ?? "", "uz": form["name_uz"] ?? ""]
    }

    static func organisationFields(_ form: [String: String]) -> OrganisationFields {
        OrganisationFields(names: names(form), kind: form["kind"], provincePcode: form["province"] ?? "", districtPcode: form["district"] ?? "",
                           areas: form.keys.filter { $0.hasPrefix("area_") }.map { String($0.dropFirst(5)) },
                           themes: form.keys.filter { $0.hasPrefix("theme_") }.map { String($0.dropFirst(6)) })
    }
}
