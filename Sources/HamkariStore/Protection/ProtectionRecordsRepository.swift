import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Threats against defenders, risk assessments and protection cases. Narratives, findings and
/// notes are sealed; kinds, levels, statuses and dates stay plain so officers can see what is
/// overdue without opening anything. Every change is audited; cases keep a timeline of their own.
public struct ProtectionRecordsRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static let sealedColumns: [(table: String, columns: [String])] = [
        ("threat_reports", ["description_sealed"]), ("risk_assessments", ["findings_sealed"]), ("case_measures", ["notes_sealed"]),
    ]

    // MARK: - Threats

    public func addThreat(_ report: ThreatReport, actor: String) async throws {
        let dialect = backend.dialect
        var row = Row()
        row.set("id", report.id.text)
        row.set("defender_id", report.defenderID.text)
        row.set("kind", report.kind.rawValue)
        row.set(date: report.date, .date)
        row.set("province_pcode", report.provincePcode)
        row.set("district_pcode", report.districtPcode)
        row.set("perpetrator_type", report.perpetratorType)
        row.set("description_sealed", try Sealing(keys: keys, table: "threat_reports").seal(report.description, id: report.id.text,
                                                                                            field: "description_sealed"))
        row.set("event_id", report.eventID?.text)
        row.set("reported_by", report.reportedBy)
        row.set("created_at", report.createdAt.epochSeconds)
        let insert = row
        try await backend.transaction { database in
            try await insert.insert(into: "threat_reports", database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .threatReported, target: report.defenderID.text),
                                                in: database, dialect: dialect)
        }
    }

    public func threats(of defenderID: UUID) async throws -> [ThreatReport] {
        let sealing = Sealing(keys: keys, table: "threat_reports")
        return try await backend.read { database in
            try await database.select().column("*").from("threat_reports").where("defender_id", .equal, defenderID.text)
                .orderBy("created_at", .descending).all().map { row in
                    ThreatReport(
                        id: try row.uuid("id"), defenderID: try row.uuid("defender_id"), kind: try row.enumValue("kind", as: ThreatReport.Kind.self),
                        date: try row.eventDate(.date), provincePcode: try row.optionalText("province_pcode"),
                        districtPcode: try row.optionalText("district_pcode"), perpetratorType: try row.text("perpetrator_type"),
                        description: try sealing.open(row, "description_sealed", id: try row.text("id")), eventID: try row.optionalUUID("event_id"),
                        reportedBy: try row.text("reported_by"), createdAt: try row.date("created_at"))
                }
        }
    }

    // MARK: - Risk assessments

    public func addAssessment(_ assessment: RiskAssessment, actor: String) async throws {
        let dialect = backend.dialect
        var row = Row()
        row.set("id", assessment.id.text)
        row.set("defender_id", assessment.defenderID.text)
        row.set("level", assessment.level.rawValue)
        row.set("findings_sealed", try Sealing(keys: keys, table: "risk_assessments").seal(json: assessment.findings, id: assessment.id.text,
                                                                                           field: "findings_sealed"))
        row.set("review_by", assessment.reviewBy.epochSeconds)
        row.set("assessed_by", assessment.assessedBy)
        row.set("created_at", assessment.createdAt.epochSeconds)
        let insert = row
        try await backend.transaction { database in
            try await insert.insert(into: "risk_assessments", database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .riskAssessed, target: assessment.defenderID.text),
                                                in: database, dialect: dialect)
        }
    }

    /// A defender's assessments, newest first.
    public func assessments(of defenderID: UUID) async throws -> [RiskAssessment] {
        let sealing = Sealing(keys: keys, table: "risk_assessments")
        return try await backend.read { database in
            try await database.select().column("*").from("risk_assessments").where("defender_id", .equal, defenderID.text)
                .orderBy("created_at", .descending).orderBy("id", .descending).all().map { row in
                    RiskAssessment(
                        id: try row.uuid("id"), defenderID: try row.uuid("defender_id"), level: try row.enumValue("level", as: RiskAssessment.Level.self),
                        findings: try sealing.open(json: RiskAssessment.Findings.self, row, "findings_sealed", id: try row.text("id")),
                        reviewBy: try row.date("review_by"), assessedBy: try row.text("assessed_by"), createdAt: try row.date("created_at"))
                }
        }
    }

    /// Defenders whose latest assessment is due for review: the reassessment reminders.
    public func reviewsDue(at now: Date = Date()) async throws -> Set<UUID> {
        try await backend.read { database in
            let rows = try await database.raw("""
                SELECT r.defender_id AS d FROM risk_assessments r WHERE r.review_by <= \(bind: now.epochSeconds)
                AND r.created_at = (SELECT MAX(x.created_at) FROM risk_assessments x WHERE x.defender_id = r.defender_id)
                """).all()
            return Set(try rows.map { try $0.uuid("d") })
        }
    }

    // MARK: - Cases

    @discardableResult
    public func openCase(_ protectionCase: ProtectionCase, actor: String) async throws -> ProtectionCase {
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await Self.insertCase(protectionCase, actor: actor, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .caseOpened, target: protectionCase.id.text),
                                                in: database, dialect: dialect)
        }
        return protectionCase
    }

    static func insertCase(_ protectionCase: ProtectionCase, actor: String, in database: any SQLDatabase) async throws {
        var row = Row()
        row.set("id", protectionCase.id.text)
        row.set("defender_id", protectionCase.defenderID.text)
        row.set("origin", protectionCase.origin.rawValue)
        row.set("threat_id", protectionCase.threatID?.text)
        row.set("officer_id", protectionCase.officerID?.text)
        row.set("status", protectionCase.status.rawValue)
        row.set("opened_at", protectionCase.openedAt.epochSeconds)
        row.set("closed_at", protectionCase.closedAt?.epochSeconds)
        try await row.insert(into: "protection_cases", database)
        try await timeline(protectionCase.id, "opened:\(protectionCase.origin.rawValue)", actor: actor, at: protectionCase.openedAt, in: database)
    }

    static func timeline(_ caseID: UUID, _ entry: String, actor: String, at time: Date, in database: any SQLDatabase) async throws {
        var row = Row()
        row.set("id", UUIDv7.make().text)
        row.set("case_id", caseID.text)
        row.set("time", time.epochSeconds)
        row.set("actor", actor)
        row.set("entry", entry)
        try await row.insert(into: "case_timeline", database)
    }

    public func addMeasure(_ measure: ProtectionMeasure, to caseID: UUID, actor: String) async throws {
        let dialect = backend.dialect
        let sealed = try Sealing(keys: keys, table: "case_measures").seal(measure.notes, id: measure.id.text, field: "notes_sealed")
        try await backend.transaction { database in
            var row = Row()
            row.set("id", measure.id.text)
            row.set("case_id", caseID.text)
            row.set("kind", measure.kind.rawValue)
            row.set("status", measure.status.rawValue)
            row.set("follow_up_by", measure.followUpBy?.epochSeconds)
            row.set("notes_sealed", sealed)
            row.set("updated_at", measure.updatedAt.epochSeconds)
            try await row.insert(into: "case_measures", database)
            try await Self.timeline(caseID, "measure:\(measure.kind.rawValue):\(measure.status.rawValue)", actor: actor, at: measure.updatedAt, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .caseUpdated, target: caseID.text), in: database, dialect: dialect)
        }
    }

    public func updateMeasure(_ measureID: UUID, in caseID: UUID, status: ProtectionMeasure.Status, followUpBy: Date?, actor: String,
                              now: Date = Date()) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            guard let row = try await database.select().column("kind").from("case_measures").where("id", .equal, measureID.text)
                .where("case_id", .equal, caseID.text).first() else { throw StoreError.notFound(what: "The measure") }
            try await database.update("case_measures").set("status", to: status.rawValue).set("follow_up_by", to: SQLBind(followUpBy?.epochSeconds))
                .set("updated_at", to: now.epochSeconds).where("id", .equal, measureID.text).run()
            try await Self.timeline(caseID, "measure:\(try row.text("kind")):\(status.rawValue)", actor: actor, at: now, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .caseUpdated, target: caseID.text), in: database, dialect: dialect)
        }
    }

    public func closeCase(_ caseID: UUID, actor: String, now: Date = Date()) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await database.update("protection_cases").set("status", to: ProtectionCase.Status.closed.rawValue)
                .set("closed_at", to: now.epochSeconds).where("id", .equal, caseID.text).run()
            try await Self.timeline(caseID, "closed", actor: actor, at: now, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .caseUpdated, target: caseID.text), in: database, dialect: dialect)
        }
    }

    public func cases(of defenderID: UUID) async throws -> [ProtectionCase] {
        try await loadCases(where: "defender_id", equals: defenderID.text)
    }

    public func findCase(_ id: UUID) async throws -> ProtectionCase? {
        try await loadCases(where: "id", equals: id.text).first
    }

    /// Open cases with a measure whose follow-up date has passed.
    public func overdueCases(at now: Date = Date()) async throws -> [ProtectionCase] {
        let ids = try await backend.read { database in
            try await database.raw("""
                SELECT DISTINCT c.id AS id FROM protection_cases c JOIN case_measures m ON m.case_id = c.id
                WHERE c.status = 'open' AND m.follow_up_by IS NOT NULL AND m.follow_up_by < \(bind: now.epochSeconds)
                AND m.status IN ('planned', 'under_way')
                """).all().map { try $0.text("id") }
        }
        var cases: [ProtectionCase] = []
        for id in ids { cases += try await loadCases(where: "id", equals: id) }
        return cases
    }

    public func timeline(of caseID: UUID) async throws -> [(time: Date, actor: String, entry: String)] {
        try await backend.read { database in
            try await database.select().column("*").from("case_timeline").where("case_id", .equal, caseID.text).orderBy("time").orderBy("id").all()
                .map { (time: try $0.date("time"), actor: try $0.text("actor"), entry: try $0.text("entry")) }
        }
    }

    private func loadCases(where column: String, equals value: String) async throws -> [ProtectionCase] {
        let sealing = Sealing(keys: keys, table: "case_measures")
        return try await backend.read { database in
            let rows = try await database.select().column("*").from("protection_cases").where(SQLIdentifier(column), .equal, value)
                .orderBy("opened_at", .descending).all()
            var cases: [ProtectionCase] = []
            for row in rows {
                let id = try row.text("id")
                let measures = try await database.select().column("*").from("case_measures").where("case_id", .equal, id).orderBy("id").all().map { m in
                    ProtectionMeasure(id: try m.uuid("id"), kind: try m.enumValue("kind", as: ProtectionMeasure.Kind.self),
                                      status: try m.enumValue("status", as: ProtectionMeasure.Status.self),
                                      followUpBy: try m.decode(column: "follow_up_by", as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) },
                                      notes: try sealing.open(m, "notes_sealed", id: try m.text("id")), updatedAt: try m.date("updated_at"))
                }
                cases.append(ProtectionCase(
                    id: try row.uuid("id"), defenderID: try row.uuid("defender_id"), origin: try row.enumValue("origin", as: ProtectionCase.Origin.self),
                    threatID: try row.optionalUUID("threat_id"), officerID: try row.optionalUUID("officer_id"),
                    status: try row.enumValue("status", as: ProtectionCase.Status.self), measures: measures, openedAt: try row.date("opened_at"),
                    closedAt: try row.decode(column: "closed_at", as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) }))
            }
            return cases
        }
    }
}
