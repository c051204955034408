import Foundation
import HamkariCore

/// The JSON form of an event, in both directions. People are referred to inside the document by
/// `ref` (their id once stored), so acts, involvements and sources can point at them. Identity
/// fields appear only for readers the policy allows; left out (null) in an update, they keep what
/// is stored, so a reader without that right never erases an identity.
struct EventDocument: Codable, Sendable {
    struct PersonDocument: Codable, Sendable {
        var ref: String?
        var id: String?
        var code: String?
        var roles: [Person.Role]
        var name: String?
        var otherNames: String?
        var contact: String?
        var address: String?
        var sex: Person.Sex?
        var ageGroup: Person.AgeGroup?
        var occupation: Person.Occupation?
        var isHumanRightsDefender: Bool?
        var isJournalist: Bool?
    }

    struct GroupDocument: Codable, Sendable {
        var men: Int?
        var women: Int?
        var boys: Int?
        var girls: Int?
        var unknown: Int?
    }

    struct InvolvementDocument: Codable, Sendable {
        var id: String?
        var perpetratorPerson: String?
        var perpetratorGroup: String?
        var perpetratorType: String
        var degree: String?
    }

    struct ActDocument: Codable, Sendable {
        var id: String?
        var type: String
        var victimPerson: String?
        var victimGroup: GroupDocument?
        var date: String?
        var notes: String?
        var rightsAffected: [String]?
        var involvements: [InvolvementDocument]?
    }

    struct SourceDocument: Codable, Sendable {
        var id: String?
        var person: String?
        var organisationId: String?
        var method: Source.Method
        var reliability: Source.Reliability?
        var credibility: Int?
        var consent: Source.Consent
        var receivedOn: String?
        var notes: String?
    }

    struct InterventionDocument: Codable, Sendable {
        var id: String?
        var kind: Intervention.Kind
        var organisationId: String?
        var date: String?
        var status: Intervention.Status?
        var response: String?
    }

    var id: String?
    var reference: String?
    var organisationId: String?
    var status: VerificationStatus?
    var revision: Int?
    var title: String
    var description: String?
    /// Written in `calendar` (default Solar Hijri): `1405-03-12`, `1405-03`, `1405-spring`, `1405`, or `A..B`.
    var date: String?
    var calendar: String?
    var provincePcode: String?
    var districtPcode: String?
    var village: String?
    var latitude: Double?
    var longitude: Double?
    var coordinatesRounded: Bool?
    var confidentiality: Confidentiality?
    var sharedWith: [String]?
    var people: [PersonDocument]?
    var acts: [ActDocument]?
    var sources: [SourceDocument]?
    var interventions: [InterventionDocument]?
    var createdAt: String?
    var updatedAt: String?
}

extension EventDocument {
    /// The event this document describes. `existing` is the stored event for an update (its
    /// people's identities are kept where the document leaves them out).
    func event(organisationID: UUID, authorID: UUID, existing: Event?) throws(AppError) -> Event {
        var issues: [ValidationIssue] = []
        let calendar = calendar.flatMap(CalendarSystem.init(tag:)) ?? .solarHijri
        if let text = self.calendar, CalendarSystem(tag: text) == nil { issues.append(.init(field: "calendar", messageKey: "invalid_calendar")) }
        func date(_ text: String?, _ field: String) -> EventDate? {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            do { return try EventDate.parse(text, calendar: calendar) } catch {
                issues.append(ValidationIssue(field: field, messageKey: error == .endBeforeStart ? "invalid_date_order" : "invalid_date"))
                return nil
            }
        }
        func uuid(_ text: String?, _ field: String) -> UUID? {
            guard let text else { return nil }
            guard let id = UUID(uuidString: text) else { issues.append(.init(field: field, messageKey: "invalid_reference")); return nil }
            return id
        }
        var refs: [String: UUID] = [:]
        var people: [Person] = []
        for (index, document) in (self.people ?? []).enumerated() {
            let id = document.id.flatMap(UUID.init(uuidString:)) ?? UUIDv7.make()
            for ref in [document.ref, document.id, document.code].compactMap({ $0 }) { refs[ref] = id }
            let stored = existing?.person(id)
            let given = [document.name, document.otherNames, document.contact, document.address]
            let identity: PersonIdentity? = given.allSatisfy({ $0 == nil })
                ? nil
                : PersonIdentity(name: document.name ?? "", otherNames: document.otherNames ?? "", contact: document.contact ?? "",
                                 address: document.address ?? "")
            if document.id != nil, existing != nil, stored == nil { issues.append(.init(field: "people[\(index)].id", messageKey: "invalid_reference")) }
            people.append(Person(
                id: id, code: stored?.code ?? "", roles: Set(document.roles), identity: identity,
                sex: document.sex ?? .unknown, ageGroup: document.ageGroup ?? .unknown, occupation: document.occupation ?? .unknown,
                isHumanRightsDefender: document.isHumanRightsDefender ?? false, isJournalist: document.isJournalist ?? false))
        }
        func person(_ ref: String?, _ field: String) -> UUID? {
            guard let ref else { return nil }
            guard let id = refs[ref] else { issues.append(.init(field: field, messageKey: "invalid_person_reference")); return nil }
            return id
        }
        let acts = (self.acts ?? []).enumerated().map { index, document -> Act in
            let path = "acts[\(index)]"
            let victim: Victim
            if let ref = document.victimPerson {
                victim = .person(person(ref, "\(path).victimPerson") ?? UUIDv7.make())
            } else {
                let group = document.victimGroup ?? GroupDocument()
                victim = .group(GroupCount(men: group.men ?? 0, women: group.women ?? 0, boys: group.boys ?? 0, girls: group.girls ?? 0,
                                           unknown: group.unknown ?? 0))
            }
            let involvements = (document.involvements ?? []).enumerated().map { number, involvement in
                Involvement(id: involvement.id.flatMap(UUID.init(uuidString:)) ?? UUIDv7.make(),
                            perpetratorPersonID: person(involvement.perpetratorPerson, "\(path).involvements[\(number)].perpetratorPerson"),
                            perpetratorGroup: involvement.perpetratorGroup, perpetratorType: involvement.perpetratorType,
                            degree: involvement.degree ?? "unknown")
            }
            return Act(id: document.id.flatMap(UUID.init(uuidString:)) ?? UUIDv7.make(), type: document.type, victim: victim,
                       date: date(document.date, "\(path).date"), notes: document.notes ?? "",
                       rightsAffected: document.rightsAffected ?? [], involvements: involvements)
        }
        let sources = (self.sources ?? []).enumerated().map { index, document in
            Source(id: document.id.flatMap(UUID.init(uuidString:)) ?? UUIDv7.make(), personID: person(document.person, "sources[\(index)].person"),
                   organisationID: uuid(document.organisationId, "sources[\(index)].organisationId"), method: document.method,
                   reliability: document.reliability ?? .f, credibility: document.credibility ?? 6, consent: document.consent,
                   receivedOn: date(document.receivedOn, "sources[\(index)].receivedOn"), notes: document.notes ?? "")
        }
        let interventions = (self.interventions ?? []).enumerated().map { index, document in
            Intervention(id: document.id.flatMap(UUID.init(uuidString:)) ?? UUIDv7.make(), kind: document.kind,
                         organisationID: uuid(document.organisationId, "interventions[\(index)].organisationId"),
                         date: date(document.date, "interventions[\(index)].date"), status: document.status ?? .planned,
                         response: document.response ?? "")
        }
        var coordinates: Coordinates?
        switch (latitude, longitude) {
        case (let latitude?, let longitude?): coordinates = Coordinates(latitude: latitude, longitude: longitude)
        case (nil, nil): coordinates = nil
        default: issues.append(.init(field: "coordinates", messageKey: "invalid_coordinates"))
        }
        // A reader who saw only rounded coordinates and sent them back does not replace the precise ones.
        if coordinatesRounded == true, let stored = existing?.coordinates, stored.rounded == coordinates { coordinates = stored }
        let sharedWith = (self.sharedWith ?? []).enumerated().compactMap { index, text in uuid(text, "sharedWith[\(index)]") }
        let event = Event(
            id: existing?.id ?? UUIDv7.make(), organisationID: organisationID, authorID: authorID,
            confidentiality: confidentiality ?? .network, sharedWith: sharedWith,
            title: title.trimmingCharacters(in: .whitespacesAndNewlines), description: description ?? "", date: date(self.date, "date"),
            provincePcode: provincePcode.flatMap { $0.isEmpty ? nil : $0 }, districtPcode: districtPcode.flatMap { $0.isEmpty ? nil : $0 },
            village: village.flatMap { $0.isEmpty ? nil : $0 }, coordinates: coordinates,
            acts: acts, people: people, sources: sources, interventions: interventions,
            revision: revision ?? existing?.revision ?? 0)
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return event
    }

    /// The document of a stored event, as `reader` may see it.
    init(_ event: Event, identities: Bool, preciseLocation: Bool) {
        id = event.id.text
        reference = event.reference
        organisationId = event.organisationID.text
        status = event.status
        revision = event.revision
        title = event.title
        description = event.description
        date = event.date?.entered
        calendar = event.date?.calendar.rawValue
        provincePcode = event.provincePcode
        districtPcode = event.districtPcode
        village = preciseLocation ? event.village : nil
        let shown = preciseLocation ? event.coordinates : event.coordinates?.rounded
        latitude = shown?.latitude
        longitude = shown?.longitude
        coordinatesRounded = event.coordinates == nil ? nil : !preciseLocation
        confidentiality = event.confidentiality
        sharedWith = event.sharedWith.map(\.text)
        people = event.people.map { person in
            PersonDocument(
                ref: person.id.text, id: person.id.text, code: person.code, roles: person.roles.sorted { $0.rawValue < $1.rawValue },
                name: identities ? person.identity?.name : nil, otherNames: identities ? person.identity?.otherNames : nil,
                contact: identities ? person.identity?.contact : nil, address: identities ? person.identity?.address : nil,
                sex: person.sex, ageGroup: person.ageGroup, occupation: person.occupation,
                isHumanRightsDefender: person.isHumanRightsDefender, isJournalist: person.isJournalist)
        }
        acts = event.acts.map { act in
            var victimPerson: String?
            var group: GroupDocument?
            switch act.victim {
            case .person(let id): victimPerson = id.text
            case .group(let count): group = GroupDocument(men: count.men, women: count.women, boys: count.boys, girls: count.girls, unknown: count.unknown)
            }
            return ActDocument(
                id: act.id.text, type: act.type, victimPerson: victimPerson, victimGroup: group, date: act.date?.entered, notes: act.notes,
                rightsAffected: act.rightsAffected,
                involvements: act.involvements.map {
                    InvolvementDocument(id: $0.id.text, perpetratorPerson: $0.perpetratorPersonID?.text, perpetratorGroup: $0.perpetratorGroup,
                                        perpetratorType: $0.perpetratorType, degree: $0.degree)
                })
        }
        sources = event.sources.map {
            SourceDocument(id: $0.id.text, person: $0.personID?.text, organisationId: $0.organisationID?.text, method: $0.method,
                           reliability: $0.reliability, credibility: $0.credibility, consent: $0.consent, receivedOn: $0.receivedOn?.entered,
                           notes: $0.notes)
        }
        interventions = event.interventions.map {
            InterventionDocument(id: $0.id.text, kind: $0.kind, organisationId: $0.organisationID?.text, date: $0.date?.entered,
                                 status: $0.status, response: $0.response)
        }
        createdAt = event.createdAt.internetTime
        updatedAt = event.updatedAt.internetTime
    }
}
