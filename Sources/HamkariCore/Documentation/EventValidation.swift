import Foundation

/// Something wrong with a record as entered: which field, and a message key the interface translates.
public struct ValidationIssue: Hashable, Sendable, Codable {
    /// A path such as `title`, `acts[1].type` or `people[0].sex`.
    public var field: String
    public var messageKey: String
    /// What the message names, where it names something (its `{value}`).
    public var value: String?

    public init(field: String, messageKey: String, value: String? = nil) {
        self.field = field
        self.messageKey = messageKey
        self.value = value
    }
}

/// Checks an event before it is stored: required fields, known vocabulary terms and places,
/// references between its parts. Pure: the caller supplies what exists (places, organisations).
public struct EventValidator: Sendable {
    public var vocabulary: Vocabulary
    /// The P-code → parent P-code of every known gazetteer unit.
    public var places: [String: String]
    public var organisations: Set<UUID>

    public static let maximumTitleLength = 300
    public static let maximumTextLength = 50_000

    public init(vocabulary: Vocabulary, places: [String: String], organisations: Set<UUID>) {
        self.vocabulary = vocabulary
        self.places = places
        self.organisations = organisations
    }

    /// A validator over these gazetteer units (each P-code to its parent).
    public init(vocabulary: Vocabulary, units: [AdminUnit], organisations: Set<UUID>) {
        self.init(vocabulary: vocabulary, places: Dictionary(units.map { ($0.pcode, $0.parentPcode) }, uniquingKeysWith: { first, _ in first }),
                  organisations: organisations)
    }

    /// Limits count characters, but counting them walks the whole text: no character is shorter
    /// than a byte, so a text of no more bytes than the limit is within it without counting.
    static func isLonger(_ text: String, than limit: Int) -> Bool {
        text.utf8.count > limit && text.count > limit
    }

    public func issues(in event: Event) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func fail(_ field: String, _ key: String) { issues.append(ValidationIssue(field: field, messageKey: key)) }
        let title = event.title.trimmingWhiteSpace
        if title.isEmpty { fail("title", "invalid_title_required") }
        if Self.isLonger(title, than: Self.maximumTitleLength) { fail("title", "invalid_title_too_long") }
        for (field, text) in [("description", event.description), ("village", event.village ?? "")]
        where Self.isLonger(text, than: Self.maximumTextLength) {
            fail(field, "invalid_text_too_long")
        }
        if let province = event.provincePcode, places[province] == nil || province.count != 4 { fail("province", "invalid_place") }
        if let district = event.districtPcode {
            if places[district] != event.provincePcode || event.provincePcode == nil { fail("district", "invalid_district") }
        }
        if let coordinates = event.coordinates, !coordinates.isValid { fail("coordinates", "invalid_coordinates") }
        if event.confidentiality == .organisations {
            if event.sharedWith.contains(where: { !organisations.contains($0) }) { fail("sharedWith", "invalid_organisation") }
        }
        let personIDs = Set(event.people.map(\.id))
        for (index, act) in event.acts.enumerated() {
            let path = "acts[\(index)]"
            if !vocabulary.contains(.actType, act.type) { fail("\(path).type", "invalid_act_type") }
            switch act.victim {
            case .person(let id): if !personIDs.contains(id) { fail("\(path).victim", "invalid_person_reference") }
            case .group(let count): if !count.isValid { fail("\(path).victim", "invalid_group_count") }
            }
            if Self.isLonger(act.notes, than: Self.maximumTextLength) { fail("\(path).notes", "invalid_text_too_long") }
            for right in act.rightsAffected where !vocabulary.contains(.rightAffected, right) {
                fail("\(path).rightsAffected", "invalid_right")
            }
            for (number, involvement) in act.involvements.enumerated() {
                let inner = "\(path).involvements[\(number)]"
                if !vocabulary.contains(.perpetratorType, involvement.perpetratorType) { fail("\(inner).perpetratorType", "invalid_perpetrator_type") }
                if !vocabulary.contains(.involvementDegree, involvement.degree) { fail("\(inner).degree", "invalid_degree") }
                if let person = involvement.perpetratorPersonID, !personIDs.contains(person) {
                    fail("\(inner).perpetrator", "invalid_person_reference")
                }
            }
        }
        for (index, person) in event.people.enumerated() where person.roles.isEmpty {
            fail("people[\(index)].roles", "invalid_person_roles")
        }
        for (index, source) in event.sources.enumerated() {
            if !(1...6).contains(source.credibility) { fail("sources[\(index)].credibility", "invalid_credibility") }
            if let person = source.personID, !personIDs.contains(person) { fail("sources[\(index)].person", "invalid_person_reference") }
            if let organisation = source.organisationID, !organisations.contains(organisation) {
                fail("sources[\(index)].organisation", "invalid_organisation")
            }
        }
        for (index, intervention) in event.interventions.enumerated() {
            if let organisation = intervention.organisationID, !organisations.contains(organisation) {
                fail("interventions[\(index)].organisation", "invalid_organisation")
            }
        }
        return issues
    }
}

/// Which parts of a record an edit changed, by name only: the history records that a narrative
/// changed, never what it said.
public enum EventChanges {
    public static func fields(from old: Event, to new: Event) -> [String] {
        var changed: [String] = []
        func note(_ name: String, _ differs: Bool) { if differs { changed.append(name) } }
        note("title", old.title != new.title)
        note("description", old.description != new.description)
        note("date", old.date != new.date)
        note("place", old.provincePcode != new.provincePcode || old.districtPcode != new.districtPcode)
        note("village", old.village != new.village)
        note("coordinates", old.coordinates != new.coordinates)
        note("confidentiality", old.confidentiality != new.confidentiality || Set(old.sharedWith) != Set(new.sharedWith))
        note("acts", old.acts != new.acts)
        note("people", old.people != new.people)
        note("sources", old.sources != new.sources)
        note("interventions", old.interventions != new.interventions)
        return changed
    }
}
