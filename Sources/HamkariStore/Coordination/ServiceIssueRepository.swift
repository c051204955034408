import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Essential-services issues raised with the authorities.
public struct ServiceIssueRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static let sealedColumns: [(table: String, columns: [String])] = [("service_issues", ["content_sealed"])]

    struct Content: Codable {
        var description: String
        var outcome: String
        var followUps: [FollowUp]
    }

    public func create(_ issue: ServiceIssue, actor: String) async throws {
        try await write(issue, isNew: true, actor: actor)
    }

    public func update(_ issue: ServiceIssue, actor: String) async throws {
        try await write(issue, isNew: false, actor: actor)
    }

    private func write(_ issue: ServiceIssue, isNew: Bool, actor: String) async throws {
        var row = Row()
        row.set("organisation_id", issue.organisationID.text)
        row.set("author_id", issue.authorID.text)
        row.set("service", issue.service.rawValue)
        row.set("community", issue.community)
        row.set("province_pcode", issue.provincePcode)
        row.set("district_pcode", issue.districtPcode)
        row.set("raised_on", issue.raisedOn.numeric)
        row.set("authority", issue.authority)
        row.set("status", issue.status.rawValue)
        row.set("content_sealed", try Sealing(keys: keys, table: "service_issues").seal(
            json: Content(description: issue.description, outcome: issue.outcome, followUps: issue.followUps), id: issue.id.text, field: "content_sealed"))
        row.set("updated_at", issue.updatedAt.epochSeconds)
        let values = row
        let dialect = backend.dialect
        try await backend.transaction { database in
            if isNew {
                var full = Row()
                full.set("id", issue.id.text)
                full.set("created_at", issue.createdAt.epochSeconds)
                full.values += values.values
                try await full.insert(into: "service_issues", database)
            } else {
                guard try await database.select().column("id").from("service_issues").where("id", .equal, issue.id.text).first() != nil else {
                    throw StoreError.notFound(what: "The issue")
                }
                var update = database.update("service_issues")
                for (column, value) in values.values { update = update.set(SQLIdentifier(column), to: value) }
                try await update.where("id", .equal, issue.id.text).run()
            }
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: isNew ? .serviceIssueRaised : .serviceIssueUpdated,
                                                           target: "\(issue.id.text) \(issue.status.rawValue)"), in: database, dialect: dialect)
        }
    }

    /// Issues newest first; `openOnly` keeps those raised or in discussion.
    public func list(openOnly: Bool = false, district: String? = nil, service: ServiceIssue.Service? = nil) async throws -> [ServiceIssue] {
        let repository = self
        return try await backend.read { database in
            var query = database.select().column("*").from("service_issues")
            if openOnly { query = query.where("status", .in, SQLGroupExpression(SQLList([SQLBind("raised"), SQLBind("in_discussion")]))) }
            if let district { query = query.where("district_pcode", .equal, district) }
            if let service { query = query.where("service", .equal, service.rawValue) }
            return try await query.orderBy("raised_on", .descending).orderBy("id", .descending).all().map(repository.decode)
        }
    }

    public func find(id: UUID) async throws -> ServiceIssue? {
        let repository = self
        return try await backend.read { database in
            try await database.select().column("*").from("service_issues").where("id", .equal, id.text).first().map(repository.decode)
        }
    }

    private func decode(_ row: any SQLRow) throws -> ServiceIssue {
        let id = try row.text("id")
        let content = try Sealing(keys: keys, table: "service_issues").open(json: Content.self, row, "content_sealed", id: id)
        guard let raised = CalendarDay(iso: try row.text("raised_on")) else { throw StoreError.invalid(reason: "a stored day is malformed") }
        return ServiceIssue(id: try row.uuid("id"), organisationID: try row.uuid("organisation_id"), authorID: try row.uuid("author_id"),
                            service: try row.enumValue("service", as: ServiceIssue.Service.self), community: try row.text("community"),
                            provincePcode: try row.optionalText("province_pcode"), districtPcode: try row.optionalText("district_pcode"),
                            description: content.description, raisedOn: raised, authority: try row.text("authority"),
                            status: try row.enumValue("status", as: ServiceIssue.Status.self), outcome: content.outcome,
                            followUps: content.followUps, createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
