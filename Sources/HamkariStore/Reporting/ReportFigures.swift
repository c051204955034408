import Foundation
import HamkariCore
import SQLKit

/// What the reports count beyond the dashboard, over the same events: rights affected by year,
/// victims by type of act for the treaty bodies, and the cases a report may summarise.
extension StatisticsRepository {
    /// Events by right affected (in `order`, then any other) and by year of the scope's calendar.
    public func rightsByYear(_ scope: Scope, order: [String]) async throws -> CountTable {
        let condition = condition(scope)
        let acts = try await backend.read { database in
            try await database.raw("""
                SELECT x.event_id AS e, events.date_first AS d, x.rights AS r FROM event_acts x JOIN events ON events.id = x.event_id \
                WHERE \(condition) AND x.rights <> ''
                """).all().map { row in
                    (event: try row.text("e"), day: try row.optionalText("d") ?? "",
                     rights: try row.text("r").split(separator: ",").map(String.init))
                }
        }
        return RightsByPeriod.table(acts, order: order, in: scope.calendar)
    }

    /// Victims by type of act (in `order`, then any other): women and girls, or children by sex.
    public func victimsByAct(_ scope: Scope, focus: VictimsByAct.Focus, order: [String]) async throws -> CountTable {
        let condition = condition(scope)
        let (named, groups) = try await backend.read { database in
            let named = try await database.raw("""
                SELECT x.act_type AS t, p.sex AS s, p.age_group AS a, COUNT(DISTINCT p.id) AS n FROM event_acts x \
                JOIN event_people p ON p.id = x.victim_person_id JOIN events ON events.id = x.event_id \
                WHERE \(condition) GROUP BY x.act_type, p.sex, p.age_group
                """).all().map { row in
                    VictimsByAct.NamedVictims(actType: try row.text("t"), sex: Person.Sex(rawValue: try row.text("s")) ?? .unknown,
                                              ageGroup: Person.AgeGroup(rawValue: try row.text("a")) ?? .unknown, count: try row.int("n"))
                }
            // A group in several acts of one type in one event is one group: its largest count, once.
            let groups = try await database.raw("""
                SELECT t, COALESCE(SUM(m), 0) AS m, COALESCE(SUM(w), 0) AS w, COALESCE(SUM(b), 0) AS b, COALESCE(SUM(g), 0) AS g \
                FROM (SELECT x.act_type AS t, MAX(x.victims_men) AS m, MAX(x.victims_women) AS w, MAX(x.victims_boys) AS b, \
                MAX(x.victims_girls) AS g FROM event_acts x JOIN events ON events.id = x.event_id \
                WHERE \(condition) AND x.victim_person_id IS NULL GROUP BY x.event_id, x.act_type) AS per_event GROUP BY t
                """).all().map { row in
                    (actType: try row.text("t"), count: GroupCount(men: try row.int("m"), women: try row.int("w"), boys: try row.int("b"),
                                                                   girls: try row.int("g")))
                }
            return (named, groups)
        }
        return VictimsByAct.table(named: named, groups: groups, focus: focus, order: order)
    }

    /// The most recent cases of the scope (publication: verified, every source agreeing to public
    /// use), as summaries that hold no narrative and no name; and how many there are in all.
    public func caseSummaries(_ scope: Scope, limit: Int) async throws -> (cases: [CaseSummary], total: Int) {
        let condition = condition(scope)
        let reader = events.reader
        return try await backend.read { database in
            let total = try await database.raw("SELECT COUNT(*) AS n FROM events WHERE \(condition)").first()?.int("n") ?? 0
            let ids = try await database.raw("""
                SELECT id FROM events WHERE \(condition) ORDER BY (events.date_first IS NULL), events.date_first DESC, events.reference LIMIT \(unsafeRaw: String(max(0, limit)))
                """).all().map { try $0.text("id") }
            var cases: [CaseSummary] = []
            for id in ids {
                if let event = try await reader.event(id: id, identities: false, in: database) { cases.append(CaseSummary(event)) }
            }
            return (cases, total)
        }
    }
}
