import Foundation
import HamkariCore

/// The directory as pages show it, in the reader's language.
struct DirectoryView {
    let localizer: Localizer
    let locale: AppLocale
    let calendar: CalendarSystem
    let places: [String: AdminUnit]
    let networks: [UUID: Network]

    func text(_ key: String) -> String { localizer.string(key, locale) }

    func place(_ pcode: String?) -> String {
        guard let pcode, let unit = places[pcode] else { return "" }
        guard unit.level == .district, let province = places[unit.parentPcode] else { return unit.name(in: locale) }
        return unit.name(in: locale) + (locale.isRightToLeft ? "، " : ", ") + province.name(in: locale)
    }

    func areas(_ codes: [String]) -> String {
        codes.map(place).joined(separator: locale.isRightToLeft ? "؛ " : "; ")
    }

    func themes(_ themes: [Theme]) -> String {
        themes.map { text("theme_\($0.rawValue)") }.joined(separator: locale.isRightToLeft ? "، " : ", ")
    }

    func day(_ day: CalendarDay?) -> String {
        guard let date = day?.date else { return "" }
        return DateDisplay.day(date, calendar: calendar, locale: locale)
    }

    func row(_ profile: OrganisationProfile) -> [String: Any] {
        let organisation = profile.organisation
        return ["id": organisation.id.text, "name": organisation.names.name(in: locale), "kind": text("kind_\(organisation.kind.rawValue)"),
                "place": place(organisation.districtPcode ?? organisation.provincePcode), "areas": areas(profile.areas),
                "themes": themes(profile.themes)]
    }

    func memberships(_ memberships: [NetworkMembership]) -> [[String: Any]] {
        memberships.map { membership in
            ["network": networks[membership.networkID]?.names.name(in: locale) ?? "", "networkId": membership.networkID.text,
             "status": text("membership_\(membership.status.rawValue)"), "since": day(membership.since)]
        }
    }

    func themeOptions(chosen: [Theme]) -> [[String: Any]] {
        Theme.allCases.map { ["value": $0.rawValue, "label": text("theme_\($0.rawValue)"), "checked": chosen.contains($0)] }
    }

    func provinceChoices(chosen: [String]) -> [[String: Any]] {
        places.values.filter { $0.level == .province }.sorted { $0.pcode < $1.pcode }
            .map { ["value": $0.pcode, "label": $0.name(in: locale), "checked": chosen.contains($0.pcode)] }
    }

    /// Districts of the provinces given, grouped, for checkboxes.
    func districtChoices(in provinces: Set<String>, chosen: [String]) -> [[String: Any]] {
        provinces.sorted().compactMap { province -> [String: Any]? in
            let districts = places.values.filter { $0.level == .district && $0.parentPcode == province }.sorted { $0.pcode < $1.pcode }
            guard !districts.isEmpty else { return nil }
            return ["label": places[province]?.name(in: locale) ?? province,
                    "districts": districts.map { ["value": $0.pcode, "label": $0.name(in: locale), "checked": chosen.contains($0.pcode)] }]
        }
    }
}
