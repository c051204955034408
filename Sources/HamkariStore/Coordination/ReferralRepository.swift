import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Referrals between member organisations. Lists apply the policy in SQL: an organisation sees
/// only the referrals it sent or received (coordinators see all).
public struct ReferralRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static let sealedColumns: [(table: String, columns: [String])] = [("referrals", ["content_sealed"])]

    struct Content: Codable {
        var reason: String
        var feedback: String
    }

    public func create(_ referral: Referral, actor: String) async throws {
        let row = try values(referral)
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await row.insert(into: "referrals", database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .referralMade,
                                                           target: "\(referral.id.text) \(referral.fromOrganisationID.text)→\(referral.toOrganisationID.text)"),
                                                in: database, dialect: dialect)
        }
    }

    public func update(_ referral: Referral, actor: String, now: Date = Date()) async throws {
        let sealed = try sealedContent(referral)
        let dialect = backend.dialect
        let target = "\(referral.id.text) \(referral.status.rawValue)"
        let (id, status) = (referral.id.text, referral.status.rawValue)
        try await backend.transaction { database in
            try await database.update("referrals").set("status", to: status).set("content_sealed", to: SQLBind(sealed))
                .set("updated_at", to: now.epochSeconds).where("id", .equal, id).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .referralUpdated, target: target), in: database, dialect: dialect)
        }
    }

    private func sealedContent(_ referral: Referral) throws -> Data {
        try Sealing(keys: keys, table: "referrals").seal(json: Content(reason: referral.reason, feedback: referral.feedback), id: referral.id.text,
                                                         field: "content_sealed")
    }

    private func values(_ referral: Referral) throws -> Row {
        var row = Row()
        row.set("id", referral.id.text)
        row.set("person_code", referral.personCode)
        row.set("from_organisation_id", referral.fromOrganisationID.text)
        row.set("to_organisation_id", referral.toOrganisationID.text)
        row.set("service", referral.service.rawValue)
        row.set("consent_on", referral.consentOn.numeric)
        row.set("status", referral.status.rawValue)
        row.set("content_sealed", try sealedContent(referral))
        row.set("created_at", referral.createdAt.epochSeconds)
        row.set("updated_at", referral.updatedAt.epochSeconds)
        return row
    }

    /// The referrals `subject` may see, newest first.
    public func visible(to subject: AccessPolicy.Subject) async throws -> [Referral] {
        guard AccessPolicy.decide(subject, .viewCoordination).isAllowed else { return [] }
        return try await list(of: subject.role == .coordinator ? nil : subject.organisationID)
    }

    /// Every referral, newest first, for the operator's command line (who holds the instance's keys).
    public func all() async throws -> [Referral] {
        try await list(of: nil)
    }

    private func list(of organisation: UUID?) async throws -> [Referral] {
        let repository = self
        return try await backend.read { database in
            var query = database.select().column("*").from("referrals")
            if let organisation {
                query = query.where { group in
                    group.where("from_organisation_id", .equal, organisation.text).orWhere("to_organisation_id", .equal, organisation.text)
                }
            }
            return try await query.orderBy("created_at", .descending).orderBy("id", .descending).all().map(repository.decode)
        }
    }

    public func find(id: UUID) async throws -> Referral? {
        let repository = self
        return try await backend.read { database in
            try await database.select().column("*").from("referrals").where("id", .equal, id.text).first().map(repository.decode)
        }
    }

    private func decode(_ row: any SQLRow) throws -> Referral {
        let id = try row.text("id")
        let content = try Sealing(keys: keys, table: "referrals").open(json: Content.self, row, "content_sealed", id: id)
        guard let consent = CalendarDay(iso: try row.text("consent_on")) else { throw StoreError.invalid(reason: "a stored day is malformed") }
        return Referral(id: try row.uuid("id"), personCode: try row.text("person_code"), fromOrganisationID: try row.uuid("from_organisation_id"),
                        toOrganisationID: try row.uuid("to_organisation_id"), service: try row.enumValue("service", as: Referral.Service.self),
                        consentOn: consent, status: try row.enumValue("status", as: Referral.Status.self), reason: content.reason,
                        feedback: content.feedback, createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
