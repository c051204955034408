import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Reads event aggregates back, opening sealed values. Identities are opened only when asked:
/// otherwise a person comes back with an empty identity and only the code names them.
struct EventRecordReader {
    let keys: InstanceKeys

    func event(id: String, identities: Bool, in database: any SQLDatabase) async throws -> Event? {
        guard let row = try await database.select().column("*").from("events").where("id", .equal, id).first() else { return nil }
        var event = try decodeEvent(row)
        event.sharedWith = try await database.select().column("organisation_id").from("event_shares").where("event_id", .equal, id)
            .all().map { try $0.uuid("organisation_id") }.sorted { $0.uuidString < $1.uuidString }
        let people = Sealing(keys: keys, table: "event_people")
        event.people = try await parts("event_people", of: id, database).map { row in
            let personID = try row.text("id")
            return Person(
                id: try row.uuid("id"), code: try row.text("code"),
                roles: Set(try row.text("roles").split(separator: ",").compactMap { Person.Role(rawValue: String($0)) }),
                identity: identities ? try people.open(json: PersonIdentity.self, row, "identity_sealed", id: personID) : nil,
                sex: try row.enumValue("sex", as: Person.Sex.self), ageGroup: try row.enumValue("age_group", as: Person.AgeGroup.self),
                occupation: try row.enumValue("occupation", as: Person.Occupation.self),
                isHumanRightsDefender: try row.int("is_defender") != 0, isJournalist: try row.int("is_journalist") != 0
            )
        }
        let involvementSealing = Sealing(keys: keys, table: "event_involvements")
        var involvements: [String: [Involvement]] = [:]
        for row in try await parts("event_involvements", of: id, database) {
            let involvementID = try row.text("id")
            let group = try row.decode(column: "group_sealed", as: Data?.self) == nil
                ? nil : try involvementSealing.open(row, "group_sealed", id: involvementID)
            involvements[try row.text("act_id"), default: []].append(Involvement(
                id: try row.uuid("id"), perpetratorPersonID: try row.optionalUUID("perpetrator_person_id"), perpetratorGroup: group,
                perpetratorType: try row.text("perpetrator_type"), degree: try row.text("degree")))
        }
        let acts = Sealing(keys: keys, table: "event_acts")
        event.acts = try await parts("event_acts", of: id, database).map { row in
            let actID = try row.text("id")
            let victim: Victim = if let person = try row.optionalUUID("victim_person_id") {
                .person(person)
            } else {
                .group(GroupCount(men: try row.int("victims_men"), women: try row.int("victims_women"), boys: try row.int("victims_boys"),
                                  girls: try row.int("victims_girls"), unknown: try row.int("victims_unknown")))
            }
            return Act(id: try row.uuid("id"), type: try row.text("act_type"), victim: victim, date: try row.eventDate(.date),
                       notes: try acts.open(row, "notes_sealed", id: actID),
                       rightsAffected: try row.text("rights").split(separator: ",").map(String.init),
                       involvements: involvements[actID] ?? [])
        }
        let sources = Sealing(keys: keys, table: "event_sources")
        event.sources = try await parts("event_sources", of: id, database).map { row in
            Source(id: try row.uuid("id"), personID: try row.optionalUUID("person_id"), organisationID: try row.optionalUUID("organisation_id"),
                   method: try row.enumValue("method", as: Source.Method.self),
                   reliability: try row.enumValue("reliability", as: Source.Reliability.self),
                   credibility: try row.int("credibility"), consent: try row.enumValue("consent", as: Source.Consent.self),
                   receivedOn: try row.eventDate(.received), notes: try sources.open(row, "notes_sealed", id: try row.text("id")))
        }
        let interventions = Sealing(keys: keys, table: "event_interventions")
        event.interventions = try await parts("event_interventions", of: id, database).map { row in
            Intervention(id: try row.uuid("id"), kind: try row.enumValue("kind", as: Intervention.Kind.self),
                         organisationID: try row.optionalUUID("organisation_id"), date: try row.eventDate(.date),
                         status: try row.enumValue("status", as: Intervention.Status.self),
                         response: try interventions.open(row, "response_sealed", id: try row.text("id")))
        }
        return event
    }

    private func parts(_ table: String, of eventID: String, _ database: any SQLDatabase) async throws -> [any SQLRow] {
        try await database.select().column("*").from(table).where("event_id", .equal, eventID).orderBy("position").all()
    }

    /// Of an event's sealed content, the title alone: decoding no more than it, the JSON decoder
    /// makes no string of the narrative (decoding whole contents was most of a duplicate check).
    struct ContentTitle: Decodable {
        var title: String
    }

    /// The columns `summary` reads.
    static let summaryColumns = ["id", "reference", "content_sealed", "date_first", "date_last", "date_precision", "date_calendar",
                                 "province_pcode", "district_pcode", "status", "confidentiality", "organisation_id"]

    func title(_ row: any SQLRow, id: String) throws -> String {
        try Sealing(keys: keys, table: "events").open(json: ContentTitle.self, row, "content_sealed", id: id).title
    }

    /// A list's line for an event, from its row's `summaryColumns`.
    func summary(_ row: any SQLRow, actTypes: [String]) throws -> EventSummary {
        let id = try row.text("id")
        return EventSummary(
            id: try row.uuid("id"), reference: try row.text("reference"), title: try title(row, id: id), date: try row.eventDate(.date),
            provincePcode: try row.optionalText("province_pcode"), districtPcode: try row.optionalText("district_pcode"),
            status: try row.enumValue("status", as: VerificationStatus.self), confidentiality: try row.enumValue("confidentiality", as: Confidentiality.self),
            organisationID: try row.uuid("organisation_id"), actTypes: actTypes)
    }

    /// The event row alone (no parts), its sealed content opened: for lists and search results.
    func decodeEvent(_ row: any SQLRow) throws -> Event {
        let id = try row.text("id")
        let content = try Sealing(keys: keys, table: "events").open(json: EventRecordWriter.Content.self, row, "content_sealed", id: id)
        return Event(
            id: try row.uuid("id"), reference: try row.text("reference"), organisationID: try row.uuid("organisation_id"),
            authorID: try row.uuid("author_id"), status: try row.enumValue("status", as: VerificationStatus.self),
            confidentiality: try row.enumValue("confidentiality", as: Confidentiality.self),
            title: content.title, description: content.description, date: try row.eventDate(.date),
            provincePcode: try row.optionalText("province_pcode"), districtPcode: try row.optionalText("district_pcode"),
            village: content.village, coordinates: content.coordinates,
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), revision: try row.int("revision")
        )
    }
}
