import Foundation
import HamkariCore
import SQLKit

/// Reads the facts the dashboard counts (`EventFacts`) of every event, or of some: only columns
/// stored in the clear for counting and filtering (places, days, types, status, the policy's
/// columns); nothing sealed is opened.
struct EventFactsLoader {
    let backend: any DatabaseBackend

    /// The rows of one event as read, before its words are given codes.
    struct Loaded: Sendable {
        var id: UUID
        var access: EventVisibility.Facts
        var province: String?
        var district: String?
        var firstDay: String?
        var lastDay: String?
        var actTypes: Set<String> = []
        var perpetratorTypes: Set<String> = []
        var victimIDs: Set<String> = []
        var people: [(id: String, victim: EventFacts.NamedVictim)] = []
        var groups = GroupCount()
        var sources = 0
        var publicSources = 0

        func facts(_ keys: inout FactKeys) -> EventFacts {
            EventFacts(id: id, access: access, province: keys.code(province), district: keys.code(district),
                       firstDay: EventFacts.day(firstDay) ?? 0, lastDay: EventFacts.day(lastDay) ?? 0,
                       actTypes: actTypes.sorted().map { keys.code($0) }, perpetratorTypes: perpetratorTypes.sorted().map { keys.code($0) },
                       namedVictims: people.filter { victimIDs.contains($0.id) }.map(\.victim), groups: groups,
                       sourcesAllPublic: sources > 0 && sources == publicSources)
        }
    }

    /// Which events to read.
    enum Selection: Sendable {
        /// These; an id with no event is left out.
        case ids([String])
        /// Those whose id sorts after `after` (from the first when nil) up to `through`, included.
        case range(after: String?, through: String)
    }

    /// Every event's facts, `batch` events at a time in the order of their ids, so that only one
    /// batch of rows is held at once (all of them at once took 500 MiB at 100,000 events).
    func loadAll(keys: inout FactKeys, batch: Int = 5_000) async throws -> [EventFacts] {
        var facts: [EventFacts] = []
        var after: String?
        while true {
            let ids = try await backend.read { [after] database in
                var select = database.select().column("id").from("events")
                if let after { select = select.where("id", .greaterThan, after) }
                return try await select.orderBy("id").limit(batch).all().map { try $0.text("id") }
            }
            guard let last = ids.last else { return facts }
            facts += try await load(.range(after: after, through: last)).map { $0.facts(&keys) }
            if ids.count < batch { return facts }
            after = last
        }
    }

    func load(_ selection: Selection) async throws -> [Loaded] {
        async let events = rows("events", ["id", "organisation_id", "author_id", "status", "confidentiality", "province_pcode",
                                           "district_pcode", "date_first", "date_last"], by: "id", selection) { row in
            Loaded(id: try row.uuid("id"),
                   access: EventVisibility.Facts(organisationID: try row.uuid("organisation_id"), authorID: try row.uuid("author_id"),
                                                 // A value this program does not know is read as the most guarded one.
                                                 status: VerificationStatus(rawValue: try row.text("status")) ?? .draft,
                                                 confidentiality: Confidentiality(rawValue: try row.text("confidentiality")) ?? .protection,
                                                 sharedWith: []),
                   province: try row.optionalText("province_pcode"), district: try row.optionalText("district_pcode"),
                   firstDay: try row.optionalText("date_first"), lastDay: try row.optionalText("date_last"))
        }
        async let shares = rows("event_shares", ["event_id", "organisation_id"], by: "event_id", selection) {
            (event: try $0.text("event_id"), organisation: try $0.uuid("organisation_id"))
        }
        async let acts = rows("event_acts", ["event_id", "act_type", "victim_person_id", "victims_men", "victims_women", "victims_boys",
                                             "victims_girls", "victims_unknown"], by: "event_id", selection) { row in
            (event: try row.text("event_id"), type: try row.text("act_type"), victim: try row.optionalText("victim_person_id"),
             count: GroupCount(men: try row.int("victims_men"), women: try row.int("victims_women"), boys: try row.int("victims_boys"),
                               girls: try row.int("victims_girls"), unknown: try row.int("victims_unknown")))
        }
        async let involvements = rows("event_involvements", ["event_id", "perpetrator_type"], by: "event_id", selection) {
            (event: try $0.text("event_id"), type: try $0.text("perpetrator_type"))
        }
        async let people = rows("event_people", ["id", "event_id", "sex", "age_group"], by: "event_id", selection) { row in
            (event: try row.text("event_id"), id: try row.text("id"),
             victim: EventFacts.NamedVictim(sex: Person.Sex(rawValue: try row.text("sex")) ?? .unknown,
                                            ageGroup: Person.AgeGroup(rawValue: try row.text("age_group")) ?? .unknown))
        }
        async let sources = rows("event_sources", ["event_id", "consent"], by: "event_id", selection) {
            (event: try $0.text("event_id"), isPublic: try $0.text("consent") == Source.Consent.public.rawValue)
        }
        var loaded: [String: Loaded] = [:]
        for event in try await events { loaded[event.id.text] = event }
        for share in try await shares { loaded[share.event]?.access.sharedWith.append(share.organisation) }
        for act in try await acts {
            loaded[act.event]?.actTypes.insert(act.type)
            if let victim = act.victim {
                loaded[act.event]?.victimIDs.insert(victim)
            } else if let current = loaded[act.event]?.groups {
                loaded[act.event]?.groups = GroupCount(men: max(current.men, act.count.men), women: max(current.women, act.count.women),
                                                       boys: max(current.boys, act.count.boys), girls: max(current.girls, act.count.girls),
                                                       unknown: max(current.unknown, act.count.unknown))
            }
        }
        for involvement in try await involvements { loaded[involvement.event]?.perpetratorTypes.insert(involvement.type) }
        for person in try await people { loaded[person.event]?.people.append((person.id, person.victim)) }
        for source in try await sources {
            loaded[source.event]?.sources += 1
            if source.isPublic { loaded[source.event]?.publicSources += 1 }
        }
        return Array(loaded.values)
    }

    /// `columns` of `table`'s rows whose `column` is in `selection` (ids asked 500 at a time).
    private func rows<Value: Sendable>(
        _ table: String, _ columns: [String], by column: String, _ selection: Selection, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await backend.read { database in
            let ids: [String]
            switch selection {
            case .ids(let some): ids = some
            case .range(let after, let through):
                var select = database.select().columns(columns).from(table).where(SQLIdentifier(column), .lessThanOrEqual, SQLBind(through))
                if let after { select = select.where(SQLIdentifier(column), .greaterThan, SQLBind(after)) }
                return try await select.all().map(decode)
            }
            var values: [Value] = []
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = SQLGroupExpression(SQLList(ids[start..<min(start + 500, ids.count)].map { SQLBind($0) }))
                values += try await database.select().columns(columns).from(table).where(SQLIdentifier(column), .in, chunk).all().map(decode)
            }
            return values
        }
    }
}
