import Foundation

/// Hamkari's CSV layout for events: one row per act, the event's columns repeated on each of its
/// rows; rows with the same `event_key` make one event. Import and export use the same columns,
/// so an exported file imports again. See docs/documentation.md for each column.
public enum EventCSVLayout {
    public static let columns = [
        "event_key", "reference", "status", "title", "description", "date", "calendar", "province", "district", "village",
        "latitude", "longitude", "confidentiality",
        "act_type", "act_date", "rights", "act_notes",
        "victim_name", "victim_sex", "victim_age_group", "victim_occupation", "victim_is_hrd",
        "victims_men", "victims_women", "victims_boys", "victims_girls", "victims_unknown",
        "perpetrator_type", "perpetrator_group", "involvement_degree",
        "source_method", "source_reliability", "source_credibility", "source_consent",
    ]

    /// Columns holding what names a person: exported only on explicit request by someone allowed.
    public static let identityColumns: Set<String> = ["victim_name"]
    /// Columns filled by Hamkari; ignored on import.
    public static let generatedColumns: Set<String> = ["reference", "status"]
}

/// How another organisation's CSV maps onto Hamkari's layout: which of their headers holds each
/// of our columns, their words for our values, and defaults for columns they do not have.
public struct CSVMapping: Codable, Sendable, Equatable {
    /// Our column → their header.
    public var columns: [String: String]
    /// Our column → (their value → our value).
    public var values: [String: [String: String]]
    /// Our column → value used when the file has no such column or leaves it empty.
    public var defaults: [String: String]

    public init(columns: [String: String] = [:], values: [String: [String: String]] = [:], defaults: [String: String] = [:]) {
        self.columns = columns
        self.values = values
        self.defaults = defaults
    }

    enum CodingKeys: String, CodingKey { case columns, values, defaults }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        columns = try container.decodeIfPresent([String: String].self, forKey: .columns) ?? [:]
        values = try container.decodeIfPresent([String: [String: String]].self, forKey: .values) ?? [:]
        defaults = try container.decodeIfPresent([String: String].self, forKey: .defaults) ?? [:]
    }

    /// Names of our columns the mapping mentions that the layout does not have.
    public var unknownColumns: [String] {
        Set(columns.keys).union(values.keys).union(defaults.keys).subtracting(EventCSVLayout.columns).sorted()
    }
}

/// One thing wrong with an import file, at a line and column: a message key the interface
/// translates (its text may show `{value}`, the offending value).
public struct CSVRowError: Error, Hashable, Sendable {
    public var line: Int
    public var column: String
    public var messageKey: String
    public var value: String

    public init(line: Int, column: String, messageKey: String, value: String = "") {
        self.line = line
        self.column = column
        self.messageKey = messageKey
        self.value = value
    }
}
