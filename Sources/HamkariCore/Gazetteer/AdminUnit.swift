/// A place in the administrative gazetteer: a province (admin level 1) or a district (level 2),
/// keyed by its OCHA P-code so that records from different tools line up.
public struct AdminUnit: Hashable, Sendable, Codable {
    public enum Level: Int, Sendable, Codable, CaseIterable {
        case province = 1
        case district = 2
    }

    public var pcode: String
    public var level: Level
    /// The country's ISO 3166-1 alpha-3 code for a province, the province's P-code for a district.
    public var parentPcode: String
    public var nameEnglish: String
    public var nameDari: String?
    public var latitude: Double?
    public var longitude: Double?
    /// The date from which this P-code is valid, `YYYY-MM-DD`: P-code lists are versioned.
    public var validFrom: String
    public var source: String

    public init(
        pcode: String, level: Level, parentPcode: String, nameEnglish: String, nameDari: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil, validFrom: String, source: String
    ) {
        self.pcode = pcode
        self.level = level
        self.parentPcode = parentPcode
        self.nameEnglish = nameEnglish
        self.nameDari = nameDari
        self.latitude = latitude
        self.longitude = longitude
        self.validFrom = validFrom
        self.source = source
    }

    /// The name to show a reader: Dari script for Dari and Pashto readers when known, else English.
    public func name(in locale: AppLocale) -> String {
        if locale.isRightToLeft, let nameDari, !nameDari.isEmpty { return nameDari }
        return nameEnglish
    }
}
