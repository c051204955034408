import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Writes an event aggregate (the event row and all its parts) inside the caller's transaction,
/// sealing what names a person and indexing the searchable text as keyed tokens.
struct EventRecordWriter {
    let keys: InstanceKeys
    let dialect: DatabaseDialect

    /// What of the event is sealed in `events.content_sealed`.
    struct Content: Codable, Equatable {
        var title: String
        var description: String
        var village: String?
        var coordinates: Coordinates?
    }

    static let partTables = ["event_involvements", "event_acts", "event_people", "event_sources", "event_interventions", "event_shares"]

    /// A batch for an event's rows and its history, tables in the order their references need.
    static func batch() -> InsertBatch {
        InsertBatch(order: ["events", "event_shares", "event_people", "event_acts", "event_involvements", "event_sources",
                            "event_interventions", "event_history"])
    }

    /// `orderKey` is the event's place in lists (`EventListOrder`), and its full-text row's key on SQLite.
    func addEventRow(_ event: Event, orderKey: Int64, nonces: RandomBlock? = nil, to batch: inout InsertBatch) throws {
        var row = Row()
        row.set("id", event.id.text)
        row.set("reference", event.reference)
        row.set("order_key", orderKey)
        row.values += try eventValues(event, nonces: nonces).values
        batch.add(row, to: "events")
    }

    func updateEventRow(_ event: Event, orderKey: Int64, in database: any SQLDatabase) async throws {
        var update = database.update("events").set("order_key", to: orderKey)
        for (column, value) in try eventValues(event).values { update = update.set(SQLIdentifier(column), to: value) }
        try await update.where("id", .equal, event.id.text).run()
    }

    private func eventValues(_ event: Event, nonces: RandomBlock? = nil) throws -> Row {
        let id = event.id.text
        var row = Row()
        row.set("organisation_id", event.organisationID.text)
        row.set("author_id", event.authorID.text)
        row.set("status", event.status.rawValue)
        row.set("confidentiality", event.confidentiality.rawValue)
        row.set(date: event.date, .date)
        row.set("province_pcode", event.provincePcode)
        row.set("district_pcode", event.districtPcode)
        row.set("latitude_rounded", event.coordinates?.rounded.latitude)
        row.set("longitude_rounded", event.coordinates?.rounded.longitude)
        let content = Content(title: event.title, description: event.description, village: event.village, coordinates: event.coordinates)
        row.set("content_sealed", try Sealing(keys: keys, table: "events").seal(json: content, id: id, field: "content_sealed", nonces: nonces))
        row.set("created_at", event.createdAt.epochSeconds)
        row.set("updated_at", event.updatedAt.epochSeconds)
        row.set("revision", event.revision)
        return row
    }

    func deleteParts(of eventID: UUID, in database: any SQLDatabase) async throws {
        for table in Self.partTables {
            try await database.delete(from: table).where("event_id", .equal, eventID.text).run()
        }
    }

    /// The sealed identities stored for an event's people, kept for people saved without an opened identity.
    func storedIdentities(of eventID: UUID, in database: any SQLDatabase) async throws -> [String: Data] {
        var identities: [String: Data] = [:]
        for row in try await database.select().columns("id", "identity_sealed").from("event_people")
            .where("event_id", .equal, eventID.text).all() {
            identities[try row.text("id")] = try row.decode(column: "identity_sealed", as: Data.self)
        }
        return identities
    }

    /// The rows of an event's parts. Its search tokens are written apart (`SearchIndex`).
    func addParts(
        of event: Event, keeping storedIdentities: [String: Data] = [:], nonces: RandomBlock? = nil, to batch: inout InsertBatch
    ) throws {
        let eventID = event.id.text
        for organisation in Set(event.sharedWith) where event.confidentiality == .organisations {
            var row = Row()
            row.set("event_id", eventID)
            row.set("organisation_id", organisation.text)
            batch.add(row, to: "event_shares")
        }
        let people = Sealing(keys: keys, table: "event_people")
        for (position, person) in event.people.enumerated() {
            var row = Row()
            row.set("id", person.id.text)
            row.set("event_id", eventID)
            row.set("position", position)
            row.set("code", person.code)
            row.set("roles", person.roles.map(\.rawValue).sorted().joined(separator: ","))
            row.set("sex", person.sex.rawValue)
            row.set("age_group", person.ageGroup.rawValue)
            row.set("occupation", person.occupation.rawValue)
            row.set("is_defender", person.isHumanRightsDefender ? 1 : 0)
            row.set("is_journalist", person.isJournalist ? 1 : 0)
            if person.identity == nil, let kept = storedIdentities[person.id.text] {
                row.set("identity_sealed", kept)
            } else {
                row.set("identity_sealed", try people.seal(json: person.identity ?? PersonIdentity(), id: person.id.text, field: "identity_sealed", nonces: nonces))
            }
            batch.add(row, to: "event_people")
        }
        let acts = Sealing(keys: keys, table: "event_acts")
        let involvements = Sealing(keys: keys, table: "event_involvements")
        for (position, act) in event.acts.enumerated() {
            var row = Row()
            row.set("id", act.id.text)
            row.set("event_id", eventID)
            row.set("position", position)
            row.set("act_type", act.type)
            var count = GroupCount()
            switch act.victim {
            case .person(let id): row.set("victim_person_id", id.text)
            case .group(let group): row.set("victim_person_id", String?.none); count = group
            }
            row.set("victims_men", count.men)
            row.set("victims_women", count.women)
            row.set("victims_boys", count.boys)
            row.set("victims_girls", count.girls)
            row.set("victims_unknown", count.unknown)
            row.set(date: act.date, .date)
            row.set("rights", act.rightsAffected.joined(separator: ","))
            row.set("notes_sealed", try acts.seal(act.notes, id: act.id.text, field: "notes_sealed", nonces: nonces))
            batch.add(row, to: "event_acts")
            for (number, involvement) in act.involvements.enumerated() {
                var row = Row()
                row.set("id", involvement.id.text)
                row.set("act_id", act.id.text)
                row.set("event_id", eventID)
                row.set("position", number)
                row.set("perpetrator_person_id", involvement.perpetratorPersonID?.text)
                row.set("perpetrator_type", involvement.perpetratorType)
                row.set("degree", involvement.degree)
                row.set("group_sealed", try involvement.perpetratorGroup.map {
                    try involvements.seal($0, id: involvement.id.text, field: "group_sealed", nonces: nonces)
                })
                batch.add(row, to: "event_involvements")
            }
        }
        let sources = Sealing(keys: keys, table: "event_sources")
        for (position, source) in event.sources.enumerated() {
            var row = Row()
            row.set("id", source.id.text)
            row.set("event_id", eventID)
            row.set("position", position)
            row.set("person_id", source.personID?.text)
            row.set("organisation_id", source.organisationID?.text)
            row.set("method", source.method.rawValue)
            row.set("reliability", source.reliability.rawValue)
            row.set("credibility", source.credibility)
            row.set("consent", source.consent.rawValue)
            row.set(date: source.receivedOn, .received)
            row.set("notes_sealed", try sources.seal(source.notes, id: source.id.text, field: "notes_sealed", nonces: nonces))
            batch.add(row, to: "event_sources")
        }
        let interventions = Sealing(keys: keys, table: "event_interventions")
        for (position, intervention) in event.interventions.enumerated() {
            var row = Row()
            row.set("id", intervention.id.text)
            row.set("event_id", eventID)
            row.set("position", position)
            row.set("kind", intervention.kind.rawValue)
            row.set("organisation_id", intervention.organisationID?.text)
            row.set("status", intervention.status.rawValue)
            row.set(date: intervention.date, .date)
            row.set("response_sealed", try interventions.seal(intervention.response, id: intervention.id.text, field: "response_sealed", nonces: nonces))
            batch.add(row, to: "event_interventions")
        }
    }

    func searchTokens(of event: Event) -> [String] {
        keys.searchTokens.tokens(for: event.searchableText)
    }

    /// The same, for one of many events written together (`SearchTokenizer.Memo`).
    func searchTokens(of event: Event, remembering memo: inout SearchTokenizer.Memo) -> [String] {
        keys.searchTokens.tokens(for: event.searchableText, remembering: &memo)
    }
}
