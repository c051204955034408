import Foundation
import HamkariCore
import SQLKit

/// The dashboard's figures, counted in SQL over exactly the events the reader may see (the same
/// condition the lists use), so a record hidden from someone is never counted for them.
public struct StatisticsRepository: Sendable {
    let backend: any DatabaseBackend
    let events: EventRepository
    let meetings: MeetingRepository
    let facts: EventFactsCache

    /// What to count.
    public struct Scope: Sendable {
        public var query: EventQuery
        public var visibility: EventVisibility
        /// Only verified events each of whose sources agreed to public use (at least one source): for publication.
        public var publicationOnly: Bool
        /// Whether protection cases are counted (for those who may see them).
        public var includesCases: Bool
        /// Months in this calendar.
        public var calendar: CalendarSystem

        public init(query: EventQuery, visibility: EventVisibility, publicationOnly: Bool, includesCases: Bool, calendar: CalendarSystem) {
            self.query = query
            self.visibility = visibility
            self.publicationOnly = publicationOnly
            self.includesCases = includesCases
            self.calendar = calendar
        }
    }

    /// The condition of publication: verified, with sources, every one of them consenting to public use.
    static let publishable: SQLQueryString = """
        events.status = 'verified' AND EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = events.id) \
        AND NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = events.id AND s.consent <> 'public')
        """

    /// Which events a scope counts: those the reader may see, under the filters (and publishable, for publication).
    func condition(_ scope: Scope) -> SQLQueryString {
        let clause = events.whereClause(scope.query, scope.visibility)
        return scope.publicationOnly ? "\(clause) AND \(Self.publishable)" : clause
    }

    /// The figures. Events are counted from the facts in memory (`EventFactsCache`) unless the
    /// query has words; protection cases and awareness sessions, small tables, in SQL.
    public func figures(_ scope: Scope) async throws -> DashboardFigures {
        let (from, to) = (scope.query.from ?? "0000-01-01", scope.query.to ?? "9999-12-31")
        let backend = self.backend
        async let cases = scope.includesCases ? backend.read { database in
            try await database.select().columns("opened_at", "closed_at").from("protection_cases").all().map { row in
                (opened: try row.date("opened_at"), closed: try row.decode(column: "closed_at", as: Int64?.self).map { Date(timeIntervalSince1970: Double($0)) })
            }
        } : []
        async let reach = meetings.reach(from: from, to: to, province: scope.query.provincePcode, region: [])
        let counts = try await eventCounts(scope)
        return try await Self.assemble(days: counts.days, facets: counts.facets, people: counts.people, groups: counts.groups, cases: cases,
                                       reach: reach, calendar: scope.calendar, from: from, to: to)
    }

    func eventCounts(_ scope: Scope) async throws -> EventFactsSnapshot.Counts {
        if EventFactsSnapshot.canAnswer(scope.query),
           let counts = try await facts.snapshot().count(scope.query, visibility: scope.visibility, publicationOnly: scope.publicationOnly) {
            return counts
        }
        return try await countedInSQL(scope)
    }

    /// Visible events matching `query` by one facet, the largest first, and how many events those are
    /// (an event with two act types counts under each, once in the total).
    public func counts(by facet: EventFacet, _ query: EventQuery, visibility: EventVisibility) async throws -> (counts: [(key: String, count: Int)], total: Int) {
        if EventFactsSnapshot.canAnswer(query),
           let counted = try await facts.snapshot().count(query, visibility: visibility, publicationOnly: false) {
            return (EventRepository.mostFirst(counted.facets[facet] ?? []), counted.days.reduce(0) { $0 + $1.count })
        }
        async let counts = events.counts(by: facet, query, visibility: visibility)
        async let total = events.count(query, visibility: visibility)
        return try await (counts, total)
    }

    /// The same counts in SQL, each on a reader connection of its own, side by side (each is
    /// consistent in itself; an event written between two of them may show in one and not the other).
    func countedInSQL(_ scope: Scope) async throws -> EventFactsSnapshot.Counts {
        let condition = condition(scope)
        let backend = self.backend, events = self.events
        async let days = backend.read { database in
            try await EventRepository.keyedCounts(database, "SELECT events.date_first AS k, COUNT(*) AS n FROM events WHERE \(condition) GROUP BY events.date_first")
        }
        async let facets = withThrowingTaskGroup(of: (EventFacet, [(key: String, count: Int)]).self) { group in
            for facet in EventFacet.allCases {
                group.addTask { (facet, try await backend.read { try await EventRepository.keyedCounts($0, events.countsSQL(by: facet, condition)) }) }
            }
            return try await group.reduce(into: [EventFacet: [(key: String, count: Int)]]()) { $0[$1.0] = $1.1 }
        }
        // A person is one row, joined to its one event: a plain count is the count of distinct people.
        async let people = backend.read { database in
            try await database.raw("""
                SELECT p.sex AS sex, p.age_group AS age, COUNT(*) AS n FROM event_people p JOIN events ON events.id = p.event_id \
                WHERE \(condition) AND EXISTS (SELECT 1 FROM event_acts x WHERE x.victim_person_id = p.id) GROUP BY p.sex, p.age_group
                """).all().map { (sex: try $0.text("sex"), age: try $0.text("age"), count: try $0.int("n")) }
        }
        async let groups = backend.read { database in
            try await database.raw("""
                SELECT COALESCE(SUM(m), 0) AS men, COALESCE(SUM(w), 0) AS women, COALESCE(SUM(b), 0) AS boys, COALESCE(SUM(g), 0) AS girls, \
                COALESCE(SUM(u), 0) AS unknown FROM (SELECT MAX(x.victims_men) AS m, MAX(x.victims_women) AS w, MAX(x.victims_boys) AS b, \
                MAX(x.victims_girls) AS g, MAX(x.victims_unknown) AS u FROM event_acts x JOIN events ON events.id = x.event_id \
                WHERE \(condition) AND x.victim_person_id IS NULL GROUP BY x.event_id) AS per_event
                """).first().map { row in
                    GroupCount(men: try row.int("men"), women: try row.int("women"), boys: try row.int("boys"), girls: try row.int("girls"),
                               unknown: try row.int("unknown"))
                } ?? GroupCount()
        }
        return EventFactsSnapshot.Counts(days: try await days, facets: try await facets, people: try await people, groups: try await groups)
    }

    static func assemble(days: [(key: String, count: Int)], facets: [EventFacet: [(key: String, count: Int)]],
                         people: [(sex: String, age: String, count: Int)], groups: GroupCount, cases: [(opened: Date, closed: Date?)],
                         reach: AwarenessReach, calendar: CalendarSystem, from: String, to: String) -> DashboardFigures {
        let dated = days.filter { !$0.key.isEmpty }.map { (day: $0.key, count: $0.count) }
        let months = MonthBuckets.months(dated, in: calendar)
        func sorted(_ facet: EventFacet) -> CountTable { CountTable(EventRepository.mostFirst(facets[facet] ?? [])) }
        var victims = Array(repeating: Array(repeating: 0, count: 3), count: 3)
        for person in people {
            let sex = DashboardFigures.sexes.firstIndex(of: person.sex) ?? 2
            let age = Person.AgeGroup(rawValue: person.age).map { $0 == .unknown ? 2 : $0.isChild ? 0 : 1 } ?? 2
            victims[sex][age] += person.count
        }
        victims[0][1] += groups.women
        victims[0][0] += groups.girls
        victims[1][1] += groups.men
        victims[1][0] += groups.boys
        victims[2][2] += groups.unknown
        // Cases by the month they were opened and the month they were closed, within the period.
        var caseMonths: [MonthBuckets.Month: (opened: Int, closed: Int)] = [:]
        func month(_ date: Date) -> MonthBuckets.Month? {
            let gregorian = CalendarDay(date, in: .gregorian).numeric
            guard gregorian >= from, gregorian <= to else { return nil }
            let day = CalendarDay(date, in: calendar)
            return MonthBuckets.Month(year: day.year, month: day.month)
        }
        for one in cases {
            if let opened = month(one.opened) { caseMonths[opened, default: (0, 0)].opened += 1 }
            if let closed = one.closed.flatMap(month) { caseMonths[closed, default: (0, 0)].closed += 1 }
        }
        let caseKeys = caseMonths.keys.sorted()
        return DashboardFigures(
            byMonth: CountTable(months.map { (key: $0.month.key, count: $0.count) }),
            byActType: sorted(.actType), byPerpetratorType: sorted(.perpetratorType),
            byProvince: sorted(.province), byDistrict: sorted(.district), byStatus: sorted(.status),
            victims: CountTable(rows: DashboardFigures.sexes, columns: DashboardFigures.ages, counts: victims),
            cases: CountTable(rows: caseKeys.map(\.key), columns: ["opened", "closed"],
                              counts: caseKeys.map { [caseMonths[$0]?.opened ?? 0, caseMonths[$0]?.closed ?? 0] }),
            awareness: CountTable(reach.byProvince.filter { !$0.pcode.isEmpty }.map { (key: $0.pcode, count: $0.attendance.total) },
                                  column: "participants"),
            undated: days.filter { $0.key.isEmpty }.reduce(0) { $0 + $1.count })
    }
}
