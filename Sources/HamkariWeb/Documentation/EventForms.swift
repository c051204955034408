import Foundation
import HamkariCore

/// Reads the short forms of event entry (the basics, then one act, person, source or
/// intervention at a time) into the record. Each step saves the draft, so a dropped
/// connection loses at most the step being typed.
struct EventForms {
    let fields: [String: String]
    var issues: [ValidationIssue] = []

    init(_ fields: [String: String]) {
        self.fields = fields
    }

    func value(_ name: String) -> String? {
        guard let text = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    func checked(_ name: String) -> Bool { fields[name] == "on" }

    var calendar: CalendarSystem { value("calendar").flatMap(CalendarSystem.init(tag:)) ?? .solarHijri }

    mutating func date(_ name: String) -> EventDate? {
        guard let text = value(name) else { return nil }
        do { return try EventDate.parse(text, calendar: calendar) } catch {
            issues.append(ValidationIssue(field: name, messageKey: error == .endBeforeStart ? "invalid_date_order" : "invalid_date"))
            return nil
        }
    }

    mutating func choice<Value: RawRepresentable>(_ name: String, _ fallback: Value) -> Value where Value.RawValue == String {
        guard let text = value(name) else { return fallback }
        guard let choice = Value(rawValue: text) else { issues.append(ValidationIssue(field: name, messageKey: "invalid_field_value")); return fallback }
        return choice
    }

    mutating func count(_ name: String) -> Int {
        guard let text = value(name) else { return 0 }
        guard let number = Int(Numerals.asciiDigits(text)), number >= 0 else {
            issues.append(ValidationIssue(field: name, messageKey: "invalid_field_value"))
            return 0
        }
        return number
    }

    mutating func decimal(_ name: String) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(Numerals.asciiDigits(text).replacingOccurrences(of: "٫", with: ".")) else {
            issues.append(ValidationIssue(field: name, messageKey: "invalid_coordinates"))
            return nil
        }
        return number
    }

    /// The basics of an event (step one), applied over `event`.
    mutating func applyBasics(to event: inout Event) {
        event.title = value("title") ?? ""
        event.description = fields["description"] ?? ""
        event.date = date("date")
        event.provincePcode = value("province")
        event.districtPcode = value("district")
        event.village = value("village")
        switch (decimal("latitude"), decimal("longitude")) {
        case (let latitude?, let longitude?): event.coordinates = Coordinates(latitude: latitude, longitude: longitude)
        case (nil, nil): event.coordinates = nil
        default: issues.append(ValidationIssue(field: "coordinates", messageKey: "invalid_coordinates"))
        }
        event.confidentiality = choice("confidentiality", Confidentiality.network)
        event.sharedWith = fields.keys.filter { $0.hasPrefix("share_") && checked($0) }
            .compactMap { UUID(uuidString: String($0.dropFirst("share_".count))) }.sorted { $0.uuidString < $1.uuidString }
    }

    mutating func act(in event: Event) -> Act {
        let victim: Victim
        if let code = value("victim_person") {
            if let person = event.people.first(where: { $0.code == code }) {
                victim = .person(person.id)
            } else {
                issues.append(ValidationIssue(field: "victim_person", messageKey: "invalid_person_reference"))
                victim = .group(GroupCount(unknown: 1))
            }
        } else {
            victim = .group(GroupCount(men: count("men"), women: count("women"), boys: count("boys"), girls: count("girls"),
                                       unknown: count("unknown")))
        }
        var involvements: [Involvement] = []
        if let type = value("perpetrator_type") {
            let person = value("perpetrator_person").flatMap { code in event.people.first { $0.code == code }?.id }
            involvements.append(Involvement(perpetratorPersonID: person, perpetratorGroup: value("perpetrator_group"),
                                            perpetratorType: type, degree: value("degree") ?? "unknown"))
        }
        let rights = Vocabulary.builtIn.terms(in: .rightAffected).map(\.code).filter { checked("right_\($0)") }
        return Act(type: value("act_type") ?? "", victim: victim, date: date("act_date"), notes: fields["notes"] ?? "",
                   rightsAffected: rights, involvements: involvements)
    }

    mutating func person() -> Person {
        let roles = Set(Person.Role.allCases.filter { checked("role_\($0.rawValue)") })
        let identity = PersonIdentity(name: value("name") ?? "", otherNames: value("other_names") ?? "", contact: value("contact") ?? "",
                                      address: value("address") ?? "")
        return Person(roles: roles, identity: identity, sex: choice("sex", Person.Sex.unknown),
                      ageGroup: choice("age_group", Person.AgeGroup.unknown), occupation: choice("occupation", Person.Occupation.unknown),
                      isHumanRightsDefender: checked("defender"), isJournalist: checked("journalist"))
    }

    mutating func source(in event: Event) -> Source {
        let person = value("source_person").flatMap { code in event.people.first { $0.code == code }?.id }
        return Source(personID: person, organisationID: value("source_organisation").flatMap(UUID.init(uuidString:)),
                      method: choice("method", Source.Method.interview), reliability: choice("reliability", Source.Reliability.f),
                      credibility: Int(value("credibility") ?? "6") ?? 6, consent: choice("consent", Source.Consent.internal),
                      receivedOn: date("received_on"), notes: fields["source_notes"] ?? "")
    }

    mutating func intervention() -> Intervention {
        Intervention(kind: choice("kind", Intervention.Kind.other), organisationID: value("intervention_organisation").flatMap(UUID.init(uuidString:)),
                     date: date("intervention_date"), status: choice("intervention_status", Intervention.Status.planned),
                     response: fields["response"] ?? "")
    }
}
