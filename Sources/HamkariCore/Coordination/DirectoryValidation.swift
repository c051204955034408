import Foundation

/// What a coordinator or an organisation writes about an organisation, from the API or a form.
/// On an edit a field left out (nil) stays as it was.
public struct OrganisationFields: Decodable, Sendable {
    public var names: [String: String]?
    public var kind: String?
    public var provincePcode: String?
    public var districtPcode: String?
    public var areas: [String]?
    public var themes: [String]?

    public init(names: [String: String]? = nil, kind: String? = nil, provincePcode: String? = nil, districtPcode: String? = nil,
                areas: [String]? = nil, themes: [String]? = nil) {
        self.names = names
        self.kind = kind
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.areas = areas
        self.themes = themes
    }
}

public struct NetworkFields: Decodable, Sendable {
    public var names: [String: String]?
    public var region: [String]?

    public init(names: [String: String]? = nil, region: [String]? = nil) {
        self.names = names
        self.region = region
    }
}

public struct MembershipFields: Decodable, Sendable {
    public var status: String?
    public var since: String?
    public var calendar: String?

    public init(status: String? = nil, since: String? = nil, calendar: String? = nil) {
        self.status = status
        self.since = since
        self.calendar = calendar
    }
}

/// Checks what is written about organisations, networks and memberships, the same way for the
/// pages, the API and the command line; every problem is named by field.
public enum DirectoryValidation {
    /// The profile with `fields` applied where they are valid, and every problem, by field.
    public static func checked(_ fields: OrganisationFields, over original: OrganisationProfile, units: [String: AdminUnit])
        -> (profile: OrganisationProfile, issues: [ValidationIssue]) {
        var profile = original
        var issues: [ValidationIssue] = []
        if let names = fields.names { profile.organisation.names = Self.names(names, over: profile.organisation.names) }
        if profile.organisation.names.english.isEmpty { issues.append(ValidationIssue(field: "names.en", messageKey: "invalid_name_required")) }
        if let kind = fields.kind {
            if let known = Organisation.Kind(rawValue: kind) { profile.organisation.kind = known } else {
                issues.append(ValidationIssue(field: "kind", messageKey: "invalid_kind"))
            }
        }
        if let province = fields.provincePcode.map(Self.code) {
            if province.isEmpty || units[province]?.level == .province { profile.organisation.provincePcode = province.isEmpty ? nil : province } else {
                issues.append(ValidationIssue(field: "provincePcode", messageKey: "invalid_place"))
            }
            // A district left from another province goes with it.
            if let district = profile.organisation.districtPcode, units[district]?.parentPcode != profile.organisation.provincePcode {
                profile.organisation.districtPcode = nil
            }
        }
        if let district = fields.districtPcode.map(Self.code) {
            if district.isEmpty { profile.organisation.districtPcode = nil } else if let unit = units[district], unit.level == .district,
               profile.organisation.provincePcode == nil || unit.parentPcode == profile.organisation.provincePcode {
                profile.organisation.districtPcode = district
                profile.organisation.provincePcode = unit.parentPcode
            } else {
                issues.append(ValidationIssue(field: "districtPcode", messageKey: "invalid_district"))
            }
        }
        if let areas = fields.areas {
            let codes = areas.map(Self.code).filter { !$0.isEmpty }
            if codes.allSatisfy({ units[$0] != nil }) { profile.areas = Array(Set(codes)).sorted() } else {
                issues.append(ValidationIssue(field: "areas", messageKey: "invalid_areas"))
            }
        }
        if let themes = fields.themes {
            let known = themes.compactMap(Theme.init(rawValue:))
            if known.count == themes.count { profile.themes = Theme.allCases.filter(known.contains) } else {
                issues.append(ValidationIssue(field: "themes", messageKey: "invalid_themes"))
            }
        }
        return (profile, issues)
    }

    public static func network(from fields: NetworkFields, units: [String: AdminUnit]) -> (network: Network, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        let names = Self.names(fields.names ?? [:], over: LocalizedNames(english: ""))
        if names.english.isEmpty { issues.append(ValidationIssue(field: "names.en", messageKey: "invalid_name_required")) }
        let region = (fields.region ?? []).map(Self.code).filter { !$0.isEmpty }
        if region.isEmpty || !region.allSatisfy({ units[$0]?.level == .province }) {
            issues.append(ValidationIssue(field: "region", messageKey: "invalid_region"))
        }
        return (Network(names: names, region: Array(Set(region)).sorted()), issues)
    }

    public static func membership(_ fields: MembershipFields, network: UUID, organisation: UUID, calendar: CalendarSystem)
        -> (membership: NetworkMembership?, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        let status = NetworkMembership.Status(rawValue: fields.status ?? "member")
        if status == nil { issues.append(ValidationIssue(field: "status", messageKey: "invalid_status")) }
        var since: CalendarDay?
        if let text = fields.since?.trimmingWhiteSpace, !text.isEmpty {
            let chosen = fields.calendar.flatMap(CalendarSystem.init(tag:)) ?? calendar
            if let date = try? EventDate.parse(text, calendar: chosen), date.precision == .day { since = date.first } else {
                issues.append(ValidationIssue(field: "since", messageKey: "invalid_day"))
            }
        }
        guard issues.isEmpty, let status else { return (nil, issues) }
        return (NetworkMembership(networkID: network, organisationID: organisation, status: status, since: since), [])
    }

    /// Names by interface language tag (`en`, `fa-AF`, `ps`, `uz`) laid over `existing`; an empty one is removed.
    public static func names(_ given: [String: String], over existing: LocalizedNames) -> LocalizedNames {
        var names = existing
        func value(_ tag: String) -> String?? { given[tag].map { $0.trimmingWhiteSpace.isEmpty ? nil : String($0.trimmingWhiteSpace.prefix(300)) } }
        if let english = value("en") { names.english = english ?? "" }
        if let dari = value("fa-AF") { names.dari = dari }
        if let pashto = value("ps") { names.pashto = pashto }
        if let uzbek = value("uz") { names.uzbek = uzbek }
        return names
    }

    public static func code(_ text: String) -> String {
        text.trimmingWhiteSpace.uppercased()
    }
}
