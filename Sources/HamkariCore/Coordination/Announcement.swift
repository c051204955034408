import Foundation

/// A message to the network's members, for everyone or for those working in some provinces or
/// districts or on some themes (a security alert for a district). Shown in the application and
/// sent by e-mail to the focal points of the organisations it is for; who has read it is kept.
public struct Announcement: Hashable, Sendable, Identifiable {
    public var id: UUID
    public var authorID: UUID
    public var title: String
    public var body: String
    public var provinces: [String]
    public var districts: [String]
    public var themes: [Theme]
    public var createdAt: Date

    public init(id: UUID = UUIDv7.make(), authorID: UUID, title: String, body: String, provinces: [String] = [], districts: [String] = [],
                themes: [Theme] = [], createdAt: Date = Date()) {
        self.id = id
        self.authorID = authorID
        self.title = title
        self.body = body
        self.provinces = provinces
        self.districts = districts
        self.themes = themes
        self.createdAt = createdAt
    }

    /// Whether it is for an organisation: one working in a place it names (a district, or the whole
    /// province a district is in, or any district of a province it names), and on a theme it names;
    /// what it does not name does not narrow it. `parents` gives each district's province.
    public func isFor(_ profile: OrganisationProfile, parents: [String: String]) -> Bool {
        let places = Set(provinces + districts)
        if !places.isEmpty {
            let works = profile.areas.contains { area in
                places.contains(area) || parents[area].map(provinces.contains) == true || districts.contains { parents[$0] == area }
            }
            if !works { return false }
        }
        return themes.isEmpty || !Set(themes).isDisjoint(with: profile.themes)
    }
}

public struct AnnouncementFields: Decodable, Sendable {
    public var title: String?
    public var body: String?
    public var provinces: [String]?
    public var districts: [String]?
    public var themes: [String]?

    public init(title: String? = nil, body: String? = nil, provinces: [String]? = nil, districts: [String]? = nil, themes: [String]? = nil) {
        self.title = title
        self.body = body
        self.provinces = provinces
        self.districts = districts
        self.themes = themes
    }

    public func announcement(by author: UUID, units: [String: AdminUnit]) -> (announcement: Announcement?, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        let title = title?.trimmingWhiteSpace ?? ""
        if title.isEmpty { issues.append(ValidationIssue(field: "title", messageKey: "invalid_title_required")) }
        if title.count > 300 { issues.append(ValidationIssue(field: "title", messageKey: "invalid_title_too_long")) }
        let body = body?.trimmingWhiteSpace ?? ""
        if body.count > 20_000 { issues.append(ValidationIssue(field: "body", messageKey: "invalid_text_too_long")) }
        let provinces = (provinces ?? []).map(DirectoryValidation.code).filter { !$0.isEmpty }
        if !provinces.allSatisfy({ units[$0]?.level == .province }) { issues.append(ValidationIssue(field: "provinces", messageKey: "invalid_region")) }
        let districts = (districts ?? []).map(DirectoryValidation.code).filter { !$0.isEmpty }
        if !districts.allSatisfy({ units[$0]?.level == .district }) { issues.append(ValidationIssue(field: "districts", messageKey: "invalid_districts")) }
        let themes = (themes ?? []).compactMap(Theme.init(rawValue:))
        if themes.count != (self.themes ?? []).count { issues.append(ValidationIssue(field: "themes", messageKey: "invalid_themes")) }
        guard issues.isEmpty else { return (nil, issues) }
        return (Announcement(authorID: author, title: title, body: body, provinces: Array(Set(provinces)).sorted(),
                             districts: Array(Set(districts)).sorted(), themes: Theme.allCases.filter(themes.contains)), [])
    }
}
