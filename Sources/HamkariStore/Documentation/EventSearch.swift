import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// The record policy (`EventVisibility`) as an SQL condition on `events`. Keep it in step with
/// `EventVisibility.allows`: a test runs both over every combination and compares.
struct EventSQLFilter {
    let visibility: EventVisibility

    var condition: SQLQueryString {
        if visibility.none { return "1 = 0" }
        let me = visibility.accountID.text
        let organisation = visibility.organisationID.text
        if visibility.publicOnly {
            return "(events.author_id = \(bind: me) OR (events.confidentiality = 'public' AND events.status <> 'draft'))"
        }
        let protection: SQLQueryString = visibility.protectionCompartment ? "1 = 1" : "1 = 0"
        return """
            (events.author_id = \(bind: me) \
            OR (events.confidentiality = 'protection' AND \(protection)) \
            OR (events.confidentiality <> 'protection' AND (events.organisation_id = \(bind: organisation) \
                OR (events.status <> 'draft' AND (events.confidentiality IN ('public', 'network') \
                    OR (events.confidentiality = 'organisations' AND EXISTS (SELECT 1 FROM event_shares s \
                        WHERE s.event_id = events.id AND s.organisation_id = \(bind: organisation))))))))
            """
    }
}

extension EventRepository {
    /// The conditions of `query` but its words, and of the policy, on `events`.
    func filterConditions(_ query: EventQuery, _ visibility: EventVisibility) -> [SQLQueryString] {
        var conditions = [EventSQLFilter(visibility: visibility).condition]
        // A province holds a large share of a network's records: reading them all and sorting costs more
        // than walking the list order until a page is full. SQLite's planner cannot tell (its estimate
        // ignores how large event rows are), so on SQLite the province never drives the query. (A status
        // does, through its own index in list order.)
        let coarse: (String) -> SQLQueryString = { column in
            self.backend.dialect == .sqlite ? "+events.\(unsafeRaw: column)" : "events.\(unsafeRaw: column)"
        }
        if let province = query.provincePcode { conditions.append("\(coarse("province_pcode")) = \(bind: province)") }
        if let district = query.districtPcode { conditions.append("events.district_pcode = \(bind: district)") }
        if let from = query.from { conditions.append("events.date_last >= \(bind: from)") }
        if let to = query.to {
            conditions.append("events.date_first <= \(bind: to)")
            // The same bound on the list order, so that a page walks the order from that day down.
            if let bound = EventListOrder.firstKey(afterDayISO: to) { conditions.append("events.order_key < \(literal: Int(bound))") }
        }
        if let status = query.status { conditions.append("events.status = \(bind: status.rawValue)") }
        if let organisation = query.organisationID { conditions.append("events.organisation_id = \(bind: organisation.text)") }
        if let type = query.actType {
            conditions.append("EXISTS (SELECT 1 FROM event_acts a WHERE a.event_id = events.id AND a.act_type = \(bind: type))")
        }
        if let type = query.perpetratorType {
            conditions.append("""
                EXISTS (SELECT 1 FROM event_involvements i WHERE i.event_id = events.id AND i.perpetrator_type = \(bind: type))
                """)
        }
        if let sex = query.victimSex {
            let counted: SQLQueryString = switch sex {
            case .female: "(a.victims_women + a.victims_girls) > 0"
            case .male: "(a.victims_men + a.victims_boys) > 0"
            case .unknown: "a.victims_unknown > 0"
            }
            conditions.append("""
                EXISTS (SELECT 1 FROM event_acts a LEFT JOIN event_people p ON p.id = a.victim_person_id \
                WHERE a.event_id = events.id AND (p.sex = \(bind: sex.rawValue) OR \(counted)))
                """)
        }
        if let age = query.victimAgeGroup {
            let counted: SQLQueryString = age.isChild ? "(a.victims_boys + a.victims_girls) > 0" : "1 = 0"
            conditions.append("""
                EXISTS (SELECT 1 FROM event_acts a LEFT JOIN event_people p ON p.id = a.victim_person_id \
                WHERE a.event_id = events.id AND (p.age_group = \(bind: age.rawValue) OR \(counted)))
                """)
        }
        return conditions
    }

    /// Every condition of `query` and of the policy, for a `WHERE` over `events`.
    func whereClause(_ query: EventQuery, _ visibility: EventVisibility) -> SQLQueryString {
        var conditions = filterConditions(query, visibility)
        let tokens = keys.searchTokens.tokens(for: query.text)
        if !tokens.isEmpty { conditions.append(SearchIndex(dialect: backend.dialect).matching(tokens)) }
        return Self.joined(conditions)
    }

    static func joined(_ conditions: [SQLQueryString]) -> SQLQueryString {
        var clause: SQLQueryString = ""
        for (index, condition) in conditions.enumerated() {
            clause = index == 0 ? condition : "\(clause) AND \(condition)"
        }
        return clause
    }

    /// Where a page comes from and in what order: the events in list order, or, for words on SQLite,
    /// their postings (already in list order) unless a district narrows the events more than the words do.
    private func pageSource(_ query: EventQuery, _ visibility: EventVisibility) -> (from: SQLQueryString, clause: SQLQueryString, order: SQLQueryString) {
        let index = SearchIndex(dialect: backend.dialect)
        let tokens = keys.searchTokens.tokens(for: query.text)
        var conditions = filterConditions(query, visibility)
        if query.districtPcode == nil, let postings = index.leadingPostings(tokens) {
            conditions.append(postings.match)
            return (postings.from, Self.joined(conditions), "event_search.rowid DESC")
        }
        if !tokens.isEmpty { conditions.append(index.matching(tokens, probeOnly: true)) }
        return ("events", Self.joined(conditions), "events.order_key DESC")
    }

    /// A page of the events `visibility` lets the reader see that match `query`, newest event first,
    /// with how many match in all (exactly up to `EventPage.countedExactly`).
    public func search(_ query: EventQuery, visibility: EventVisibility) async throws -> EventPage {
        let reader = self.reader
        let limit = max(1, min(query.limit, EventQuery.maximumLimit))
        let offset = max(0, query.offset)
        let bound = EventPage.countedExactly(offset: offset, limit: limit)
        let source = pageSource(query, visibility)
        return try await backend.read { database in
            // One walk in list order, over the covering index or the postings, gives the page and the capped count.
            let ids = try await database.raw("""
                SELECT events.id FROM \(source.from) WHERE \(source.clause) ORDER BY \(source.order) LIMIT \(literal: bound + 1)
                """).all().map { try $0.text("id") }
            let pageIDs = Array(ids.dropFirst(offset).prefix(limit))
            return EventPage(events: try await Self.summaries(of: pageIDs, reader: reader, in: database),
                             total: min(ids.count, bound), totalIsExact: ids.count <= bound)
        }
    }

    /// The summaries of the events `ids`, in that order (ids of no event are left out).
    static func summaries(of ids: [String], reader: EventRecordReader, in database: any SQLDatabase) async throws -> [EventSummary] {
        guard !ids.isEmpty else { return [] }
        let actTypes = try await actTypes(of: ids, in: database)
        var byID: [String: EventSummary] = [:]
        for row in try await database.select().columns(EventRecordReader.summaryColumns).from("events")
            .where("id", .in, SQLGroupExpression(SQLList(ids.map { SQLBind($0) }))).all() {
            let id = try row.text("id")
            byID[id] = try reader.summary(row, actTypes: actTypes[id] ?? [])
        }
        return ids.compactMap { byID[$0] }
    }

    /// Each event's act types, each once, in order of their codes.
    static func actTypes(of ids: [String], in database: any SQLDatabase) async throws -> [String: [String]] {
        guard !ids.isEmpty else { return [:] }
        var types: [String: Set<String>] = [:]
        for row in try await database.select().columns("event_id", "act_type").from("event_acts")
            .where("event_id", .in, SQLGroupExpression(SQLList(ids.map { SQLBind($0) }))).all() {
            types[try row.text("event_id"), default: []].insert(try row.text("act_type"))
        }
        return types.mapValues { $0.sorted() }
    }

    /// Exactly how many visible events match `query` (a scan of all of them: for counts, not for pages).
    public func count(_ query: EventQuery, visibility: EventVisibility) async throws -> Int {
        let clause = whereClause(query, visibility)
        return try await backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM events WHERE \(clause)").first()?.int("n") ?? 0
        }
    }

    /// How many visible events match `query`, grouped by `facet` (an event with two act types counts under each).
    public func counts(by facet: EventFacet, _ query: EventQuery, visibility: EventVisibility) async throws -> [(key: String, count: Int)] {
        let sql = countsSQL(by: facet, whereClause(query, visibility))
        return try await backend.read { database in
            Self.mostFirst(try await Self.keyedCounts(database, sql))
        }
    }

    /// Counts with the largest first, equal ones by key.
    static func mostFirst(_ counts: [(key: String, count: Int)]) -> [(key: String, count: Int)] {
        counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }

    /// The rows of a counting query, as its key `k` and count `n`.
    static func keyedCounts(_ database: any SQLDatabase, _ sql: SQLQueryString) async throws -> [(key: String, count: Int)] {
        try await database.raw(sql).all().map { (key: try $0.optionalText("k") ?? "", count: try $0.int("n")) }
    }

    /// Counts over events by one facet. Acts and involvements are reached from the visible events
    /// (through the covering list index, then each event's own index entries), never the other way:
    /// looking every act's event up cost SQLite twice as much at 100,000 events (`CROSS JOIN` is how
    /// SQLite is told the order; PostgreSQL plans it on its own).
    func countsSQL(by facet: EventFacet, _ clause: SQLQueryString) -> SQLQueryString {
        let join: SQLQueryString = backend.dialect == .sqlite ? "CROSS JOIN" : "JOIN"
        switch facet {
        case .province: return "SELECT events.province_pcode AS k, COUNT(*) AS n FROM events WHERE \(clause) GROUP BY events.province_pcode"
        case .district: return "SELECT events.district_pcode AS k, COUNT(*) AS n FROM events WHERE \(clause) GROUP BY events.district_pcode"
        case .status: return "SELECT events.status AS k, COUNT(*) AS n FROM events WHERE \(clause) GROUP BY events.status"
        case .actType: return """
            SELECT x.act_type AS k, COUNT(DISTINCT x.event_id) AS n FROM events \(join) event_acts x ON x.event_id = events.id \
            WHERE \(clause) GROUP BY x.act_type
            """
        case .perpetratorType: return """
            SELECT x.perpetrator_type AS k, COUNT(DISTINCT x.event_id) AS n FROM events \(join) event_involvements x ON x.event_id = events.id \
            WHERE \(clause) GROUP BY x.perpetrator_type
            """
        }
    }

    /// Events that may record the same thing: same district, overlapping dates, a shared type of
    /// act, ranked by how many of the title's words they share. The event itself is left out.
    public func likelyDuplicates(of event: Event, visibility: EventVisibility, limit: Int = 5) async throws -> [EventSummary] {
        guard let district = event.districtPcode else { return [] }
        var conditions = filterConditions(EventQuery(districtPcode: district, from: event.date?.firstISO, to: event.date?.lastISO), visibility)
        conditions.append("events.id <> \(bind: event.id.text)")
        let types = Set(event.acts.map(\.type)).sorted()
        if !types.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM event_acts a WHERE a.event_id = events.id AND a.act_type IN (\(binds: types)))")
        }
        let clause = Self.joined(conditions)
        let words = Set(SearchTokenizer.normalizedWords(of: event.title).filter { $0.count > 2 })
        let reader = self.reader
        return try await backend.read { database in
            // Each candidate is read as its summary (its title alone opened), once; only the act
            // types of the few shown are read after. (Reading all 50 whole was a tenth of every save.)
            let columns = SQLList(EventRecordReader.summaryColumns.map { SQLColumn($0, table: "events") })
            // The list order, written so that the district's index by date yields it: the order key begins with
            // the first day, so both orders are one, but ordered by the key SQLite read and sorted every
            // overlapping event in the district before taking 50 (at 1,000,000 events, 20–80 ms against 1–30).
            let candidates = try await database.raw("""
                SELECT \(columns) FROM events WHERE \(clause) ORDER BY events.date_first DESC, events.order_key DESC LIMIT 50
                """).all().map { row in
                    let summary = try reader.summary(row, actTypes: [])
                    return (summary: summary, shared: words.intersection(SearchTokenizer.normalizedWords(of: summary.title)).count)
                }
            let chosen = candidates.enumerated().sorted { ($0.element.shared, -$0.offset) > ($1.element.shared, -$1.offset) }
                .prefix(limit).map(\.element.summary)
            let types = try await Self.actTypes(of: chosen.map(\.id.text), in: database)
            return chosen.map { summary in
                var summary = summary
                summary.actTypes = types[summary.id.text] ?? []
                return summary
            }
        }
    }
}

extension EventRepository {
    /// Every visible event matching `query`, whole, for an export; identities opened only when
    /// `identitiesFor` names the reader (the caller has checked they may). The export is audited.
    public func export(
        _ query: EventQuery, visibility: EventVisibility, identitiesFor viewer: String?, actor: String, format: String
    ) async throws -> [Event] {
        let clause = whereClause(query, visibility)
        let reader = self.reader
        let dialect = backend.dialect
        return try await backend.transaction { database in
            let ids = try await database.raw("SELECT id FROM events WHERE \(clause) ORDER BY events.reference").all().map { try $0.text("id") }
            var events: [Event] = []
            events.reserveCapacity(ids.count)
            for id in ids {
                if let event = try await reader.event(id: id, identities: viewer != nil, in: database) { events.append(event) }
            }
            let scope = viewer == nil ? "" : " with identities"
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .eventsExported, target: "\(events.count) events as \(format)\(scope)"), in: database, dialect: dialect)
            return events
        }
    }
}
