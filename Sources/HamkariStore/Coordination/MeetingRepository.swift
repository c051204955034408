import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Meetings and activities with their action points. Every change is one transaction with its
/// audit entry; named participants are opened only when asked, and that reading is audited.
public struct MeetingRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static let sealedColumns: [(table: String, columns: [String])] = [
        ("meetings", ["content_sealed", "participants_sealed"]), ("action_points", ["content_sealed"]),
    ]

    /// What of a meeting is sealed in `meetings.content_sealed`.
    struct Content: Codable {
        var title: String
        var place: String
        var externalOrganisers: [String]
        var agenda: [AgendaItem]
        var outcomes: String
        var decisions: String
    }

    struct ActionContent: Codable {
        var description: String
        var notes: String
    }

    public func create(_ meeting: Meeting, actor: String) async throws {
        let repository = self
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await repository.insert(meeting, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .meetingRecorded, target: meeting.id.text), in: database, dialect: dialect)
        }
    }

    /// Replaces a meeting's record (its action points stay). Named participants are kept unless `meeting` brings its own.
    public func update(_ meeting: Meeting, replacingParticipants: Bool, actor: String) async throws {
        let repository = self
        let dialect = backend.dialect
        try await backend.transaction { database in
            guard let kept = try await database.select().column("participants_sealed").from("meetings").where("id", .equal, meeting.id.text).first()
            else { throw StoreError.notFound(what: "The meeting") }
            let participants = try kept.decode(column: "participants_sealed", as: Data?.self)
            try await database.delete(from: "meeting_organisations").where("meeting_id", .equal, meeting.id.text).run()
            try await database.delete(from: "meeting_topics").where("meeting_id", .equal, meeting.id.text).run()
            var update = database.update("meetings")
            for (column, value) in try repository.values(meeting).values
            where column != "id" && column != "created_at" && (replacingParticipants || column != "participants_sealed") {
                update = update.set(SQLIdentifier(column), to: value)
            }
            if !replacingParticipants { update = update.set("participants_sealed", to: SQLBind(participants)) }
            try await update.where("id", .equal, meeting.id.text).run()
            try await repository.insertParts(meeting, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .meetingUpdated, target: meeting.id.text), in: database, dialect: dialect)
        }
    }

    private func insert(_ meeting: Meeting, in database: any SQLDatabase) async throws {
        try await values(meeting).insert(into: "meetings", database)
        try await insertParts(meeting, in: database)
    }

    private func values(_ meeting: Meeting) throws -> Row {
        let id = meeting.id.text
        let sealing = Sealing(keys: keys, table: "meetings")
        var row = Row()
        row.set("id", id)
        row.set("kind", meeting.kind.rawValue)
        row.set("organisation_id", meeting.organisationID.text)
        row.set("author_id", meeting.authorID.text)
        row.set("day", meeting.day.numeric)
        row.set("calendar", meeting.calendar.rawValue)
        row.set("province_pcode", meeting.provincePcode)
        row.set("district_pcode", meeting.districtPcode)
        row.set("men", meeting.attendance.men)
        row.set("women", meeting.attendance.women)
        row.set("boys", meeting.attendance.boys)
        row.set("girls", meeting.attendance.girls)
        row.set("unknown", meeting.attendance.unknown)
        row.set("content_sealed", try sealing.seal(json: Content(title: meeting.title, place: meeting.place, externalOrganisers: meeting.externalOrganisers,
                                                                 agenda: meeting.agenda, outcomes: meeting.outcomes, decisions: meeting.decisions),
                                                  id: id, field: "content_sealed"))
        row.set("participants_sealed", try meeting.namedParticipants.isEmpty
                ? nil : sealing.seal(json: meeting.namedParticipants, id: id, field: "participants_sealed"))
        row.set("created_at", meeting.createdAt.epochSeconds)
        row.set("updated_at", meeting.updatedAt.epochSeconds)
        return row
    }

    private func insertParts(_ meeting: Meeting, in database: any SQLDatabase) async throws {
        var batch = InsertBatch(order: ["meeting_organisations", "meeting_topics"])
        for (role, organisations) in [("organiser", meeting.organisers), ("participant", meeting.participants)] {
            for organisation in Set(organisations) {
                var row = Row()
                row.set("meeting_id", meeting.id.text)
                row.set("organisation_id", organisation.text)
                row.set("role", role)
                batch.add(row, to: "meeting_organisations")
            }
        }
        for topic in meeting.topics {
            var row = Row()
            row.set("meeting_id", meeting.id.text)
            row.set("instrument", topic.instrument)
            row.set("number", topic.number)
            batch.add(row, to: "meeting_topics")
        }
        try await batch.write(to: database)
    }

    /// Meetings newest first, filtered; named participants are not opened.
    public func list(kind: Meeting.Kind? = nil, district: String? = nil, from: String? = nil, to: String? = nil, limit: Int = 200) async throws -> [Meeting] {
        let repository = self
        return try await backend.read { database in
            var query = database.select().column("*").from("meetings")
            if let kind { query = query.where("kind", .equal, kind.rawValue) }
            if let district { query = query.where("district_pcode", .equal, district) }
            if let from { query = query.where("day", .greaterThanOrEqual, from) }
            if let to { query = query.where("day", .lessThanOrEqual, to) }
            let rows = try await query.orderBy("day", .descending).orderBy("id", .descending).limit(limit).all()
            return try await repository.decode(rows, in: database)
        }
    }

    public func find(id: UUID) async throws -> Meeting? {
        let repository = self
        return try await backend.read { database in
            try await repository.decode(try await database.select().column("*").from("meetings").where("id", .equal, id.text).all(), in: database).first
        }
    }

    /// The named participants, opened for a reader the caller has checked may see them; audited.
    public func namedParticipants(of id: UUID, viewer: String) async throws -> [NamedParticipant] {
        let sealing = Sealing(keys: keys, table: "meetings")
        let dialect = backend.dialect
        return try await backend.transaction { database in
            guard let row = try await database.select().columns("id", "participants_sealed").from("meetings").where("id", .equal, id.text).first(),
                  try row.decode(column: "participants_sealed", as: Data?.self) != nil else { return [] }
            let named = try sealing.open(json: [NamedParticipant].self, row, "participants_sealed", id: id.text)
            try await AuditLogRepository.append(AuditEvent(actor: viewer, action: .participantsViewed, target: id.text), in: database, dialect: dialect)
            return named
        }
    }

    private func decode(_ rows: [any SQLRow], in database: any SQLDatabase) async throws -> [Meeting] {
        guard !rows.isEmpty else { return [] }
        let ids = SQLGroupExpression(SQLList(try rows.map { SQLBind(try $0.text("id")) }))
        var organisers: [UUID: [UUID]] = [:], participants: [UUID: [UUID]] = [:]
        for row in try await database.select().columns("meeting_id", "organisation_id", "role").from("meeting_organisations")
            .where("meeting_id", .in, ids).all() {
            if try row.text("role") == "organiser" {
                organisers[try row.uuid("meeting_id"), default: []].append(try row.uuid("organisation_id"))
            } else {
                participants[try row.uuid("meeting_id"), default: []].append(try row.uuid("organisation_id"))
            }
        }
        let sealing = Sealing(keys: keys, table: "meetings")
        return try rows.map { row in
            let id = try row.uuid("id")
            let content = try sealing.open(json: Content.self, row, "content_sealed", id: id.text)
            guard let day = CalendarDay(iso: try row.text("day")) else { throw StoreError.invalid(reason: "a stored day is malformed") }
            return Meeting(
                id: id, kind: try row.enumValue("kind", as: Meeting.Kind.self), organisationID: try row.uuid("organisation_id"),
                authorID: try row.uuid("author_id"), title: content.title, day: day,
                calendar: try row.enumValue("calendar", as: CalendarSystem.self), provincePcode: try row.optionalText("province_pcode"),
                districtPcode: try row.optionalText("district_pcode"), place: content.place,
                organisers: (organisers[id] ?? []).sorted { $0.uuidString < $1.uuidString }, externalOrganisers: content.externalOrganisers,
                participants: (participants[id] ?? []).sorted { $0.uuidString < $1.uuidString },
                attendance: GroupCount(men: try row.int("men"), women: try row.int("women"), boys: try row.int("boys"), girls: try row.int("girls"),
                                       unknown: try row.int("unknown")),
                agenda: content.agenda, outcomes: content.outcomes, decisions: content.decisions,
                createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        }
    }

    // MARK: - Action points

    public func addActionPoint(_ point: ActionPoint, actor: String) async throws {
        let sealing = Sealing(keys: keys, table: "action_points")
        let dialect = backend.dialect
        try await backend.transaction { database in
            guard try await database.select().column("id").from("meetings").where("id", .equal, point.meetingID.text).first() != nil else {
                throw StoreError.notFound(what: "The meeting")
            }
            var row = Row()
            row.set("id", point.id.text)
            row.set("meeting_id", point.meetingID.text)
            row.set("owner_organisation_id", point.ownerOrganisationID.text)
            row.set("due", point.due.numeric)
            row.set("status", point.status.rawValue)
            row.set("content_sealed", try sealing.seal(json: ActionContent(description: point.description, notes: point.notes), id: point.id.text,
                                                       field: "content_sealed"))
            row.set("created_at", point.updatedAt.epochSeconds)
            row.set("updated_at", point.updatedAt.epochSeconds)
            try await row.insert(into: "action_points", database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .actionPointAdded, target: "\(point.meetingID.text) \(point.id.text)"),
                                                in: database, dialect: dialect)
        }
    }

    /// A new status and notes for an action point.
    public func updateActionPoint(_ id: UUID, status: ActionPoint.Status, notes: String, actor: String, now: Date = Date()) async throws -> ActionPoint {
        let repository = self
        let sealing = Sealing(keys: keys, table: "action_points")
        let dialect = backend.dialect
        return try await backend.transaction { database in
            guard var point = try await repository.actionPoints(where: { $0.where("id", .equal, id.text) }, in: database).first else {
                throw StoreError.notFound(what: "The action point")
            }
            point.status = status
            point.notes = notes
            point.updatedAt = now
            try await database.update("action_points").set("status", to: status.rawValue).set("updated_at", to: now.epochSeconds)
                .set("content_sealed", to: SQLBind(try sealing.seal(json: ActionContent(description: point.description, notes: notes), id: id.text,
                                                                    field: "content_sealed")))
                .where("id", .equal, id.text).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .actionPointUpdated, target: "\(id.text) \(status.rawValue)"),
                                                in: database, dialect: dialect)
            return point
        }
    }

    public func actionPoint(id: UUID) async throws -> ActionPoint? {
        let repository = self
        return try await backend.read { database in
            try await repository.actionPoints(where: { $0.where("id", .equal, id.text) }, in: database).first
        }
    }

    public func actionPoints(of meetingID: UUID) async throws -> [ActionPoint] {
        let repository = self
        return try await backend.read { database in
            try await repository.actionPoints(where: { $0.where("meeting_id", .equal, meetingID.text) }, in: database)
        }
    }

    /// Action points still to do whose day has passed, for one organisation or all; oldest first.
    public func overdue(owner: UUID? = nil, on today: CalendarDay) async throws -> [ActionPoint] {
        let repository = self
        return try await backend.read { database in
            try await repository.actionPoints(where: { query in
                var query = query.where("status", .in, SQLGroupExpression(SQLList([SQLBind("open"), SQLBind("in_progress")])))
                    .where("due", .lessThan, today.numeric)
                if let owner { query = query.where("owner_organisation_id", .equal, owner.text) }
                return query
            }, in: database)
        }
    }

    private func actionPoints(where filter: (SQLSelectBuilder) -> SQLSelectBuilder, in database: any SQLDatabase) async throws -> [ActionPoint] {
        let sealing = Sealing(keys: keys, table: "action_points")
        return try await filter(database.select().column("*").from("action_points")).orderBy("due").orderBy("id").all().map { row in
            let id = try row.text("id")
            let content = try sealing.open(json: ActionContent.self, row, "content_sealed", id: id)
            guard let due = CalendarDay(iso: try row.text("due")) else { throw StoreError.invalid(reason: "a stored day is malformed") }
            return ActionPoint(id: try row.uuid("id"), meetingID: try row.uuid("meeting_id"), ownerOrganisationID: try row.uuid("owner_organisation_id"),
                               description: content.description, due: due, status: try row.enumValue("status", as: ActionPoint.Status.self),
                               notes: content.notes, updatedAt: try row.date("updated_at"))
        }
    }
}

extension MeetingRepository {
    /// The reach of awareness sessions held from `from` to `to` (Gregorian days), in one province or
    /// wherever; `region` names the provinces whose unreached districts are listed when no province is.
    public func reach(from: String, to: String, province: String? = nil, region: [String]) async throws -> AwarenessReach {
        let inProvince: SQLQueryString = province.map { "AND m.province_pcode = \(bind: $0)" } ?? ""
        let sessions: SQLQueryString = "m.kind = 'awareness_session' AND m.day >= \(bind: from) AND m.day <= \(bind: to) \(inProvince)"
        return try await backend.read { database in
            func places(_ column: SQLQueryString) async throws -> [AwarenessReach.Place] {
                try await database.raw("""
                    SELECT \(column) AS pcode, COUNT(*) AS sessions, SUM(m.men) AS men, SUM(m.women) AS women, SUM(m.boys) AS boys,
                    SUM(m.girls) AS girls, SUM(m.unknown) AS unknown FROM meetings m WHERE \(sessions) GROUP BY \(column) ORDER BY \(column)
                    """).all().map { row in
                        AwarenessReach.Place(pcode: try row.optionalText("pcode") ?? "", sessions: try row.int("sessions"),
                                             attendance: GroupCount(men: try row.int("men"), women: try row.int("women"), boys: try row.int("boys"),
                                                                    girls: try row.int("girls"), unknown: try row.int("unknown")))
                    }
            }
            let byDistrict = try await places("m.district_pcode")
            let byProvince = try await places("m.province_pcode")
            let topics = try await database.raw("""
                SELECT t.instrument, t.number, COUNT(*) AS sessions FROM meeting_topics t JOIN meetings m ON m.id = t.meeting_id
                WHERE \(sessions) GROUP BY t.instrument, t.number
                """).all().map { row in
                    AwarenessReach.Topic(article: ArticleReference(instrument: try row.text("instrument"), number: try row.text("number")),
                                         sessions: try row.int("sessions"))
                }.sorted { $0.sessions != $1.sessions ? $0.sessions > $1.sessions : $0.article < $1.article }
            let provinces = province.map { [$0] } ?? region
            let reached = Set(byDistrict.map(\.pcode))
            // `IN ()` is an error on PostgreSQL: with no province there is nothing to look for.
            let unreached = provinces.isEmpty ? [] : try await database.select().column("pcode").from("gazetteer_units")
                .where("level", .equal, AdminUnit.Level.district.rawValue)
                .where("parent_pcode", .in, SQLGroupExpression(SQLList(provinces.map { SQLBind($0) }))).orderBy("pcode").all()
                .map { try $0.text("pcode") }.filter { !reached.contains($0) }
            return AwarenessReach(from: from, to: to, byDistrict: byDistrict.filter { !$0.pcode.isEmpty }, byProvince: byProvince,
                                  topics: topics, unreached: provinces.isEmpty ? [] : unreached)
        }
    }
}
