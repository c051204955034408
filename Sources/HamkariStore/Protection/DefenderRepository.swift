import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Defenders' profiles and their check-in plans. Identity, whereabouts and trusted contacts are
/// sealed; every opening of a profile is audited by the caller's name.
public struct DefenderRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static let sealedColumns = ["identity_sealed", "contacts_sealed"]
    var sealing: Sealing { Sealing(keys: keys, table: "defenders") }

    public func create(_ profile: DefenderProfile, actor: String) async throws {
        let dialect = backend.dialect
        let row = try self.row(profile)
        try await backend.transaction { database in
            try await Self.ensureAccountFree(for: profile, database)
            try await row.insert(into: "defenders", database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .defenderCreated, target: profile.id.text), in: database, dialect: dialect)
        }
    }

    public func update(_ profile: DefenderProfile, actor: String) async throws {
        let dialect = backend.dialect
        let row = try self.row(profile)
        try await backend.transaction { database in
            try await Self.ensureAccountFree(for: profile, database)
            var update = database.update("defenders")
            for (column, value) in row.values where column != "id" && column != "created_at" {
                update = update.set(SQLIdentifier(column), to: value)
            }
            try await update.where("id", .equal, profile.id.text).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .defenderUpdated, target: profile.id.text), in: database, dialect: dialect)
        }
    }

    /// An account belongs to one profile at most.
    private static func ensureAccountFree(for profile: DefenderProfile, _ database: any SQLDatabase) async throws {
        guard let account = profile.accountID else { return }
        let taken = try await database.select().column("id").from("defenders").where("account_id", .equal, account.text)
            .where("id", .notEqual, profile.id.text).first()
        if taken != nil { throw StoreError.conflict(reason: "That account already has a defender's profile.") }
    }

    private func row(_ profile: DefenderProfile) throws -> Row {
        var row = Row()
        row.set("id", profile.id.text)
        row.set("account_id", profile.accountID?.text)
        row.set("organisation_ids", profile.organisationIDs.map(\.text).joined(separator: ","))
        row.set("districts", profile.districtPcodes.joined(separator: ","))
        row.set("areas", profile.areasOfWork.map(\.rawValue).joined(separator: ","))
        row.set("identity_sealed", try sealing.seal(json: profile.identity, id: profile.id.text, field: "identity_sealed"))
        row.set("contacts_sealed", try sealing.seal(json: profile.trustedContacts, id: profile.id.text, field: "contacts_sealed"))
        row.set("created_at", profile.createdAt.epochSeconds)
        return row
    }

    /// Opens a profile for `viewer`; the opening is audited.
    public func find(id: UUID, viewer: String) async throws -> DefenderProfile? {
        try await first(where: "id", equals: id.text, viewer: viewer)
    }

    public func find(account: UUID, viewer: String) async throws -> DefenderProfile? {
        try await first(where: "account_id", equals: account.text, viewer: viewer)
    }

    private func first(where column: String, equals value: String, viewer: String) async throws -> DefenderProfile? {
        let dialect = backend.dialect
        let repository = self
        return try await backend.transaction { database in
            guard let row = try await database.select().column("*").from("defenders").where(SQLIdentifier(column), .equal, value).first() else {
                return nil
            }
            let profile = try repository.decode(row)
            try await AuditLogRepository.append(AuditEvent(actor: viewer, action: .defenderViewed, target: profile.id.text), in: database, dialect: dialect)
            return profile
        }
    }

    /// Every profile, opened for a protection officer's list (one audit entry for the listing).
    public func all(viewer: String) async throws -> [DefenderProfile] {
        let dialect = backend.dialect
        let repository = self
        return try await backend.transaction { database in
            let profiles = try await database.select().column("*").from("defenders").orderBy("created_at").all().map(repository.decode)
            try await AuditLogRepository.append(AuditEvent(actor: viewer, action: .defenderViewed, target: "all (\(profiles.count))"),
                                                in: database, dialect: dialect)
            return profiles
        }
    }

    func decode(_ row: any SQLRow) throws -> DefenderProfile {
        let id = try row.text("id")
        return DefenderProfile(
            id: try row.uuid("id"), accountID: try row.optionalUUID("account_id"),
            organisationIDs: try row.text("organisation_ids").split(separator: ",").compactMap { UUID(uuidString: String($0)) },
            districtPcodes: try row.text("districts").split(separator: ",").map(String.init),
            areasOfWork: try row.text("areas").split(separator: ",").compactMap { DefenderProfile.AreaOfWork(rawValue: String($0)) },
            identity: try sealing.open(json: DefenderIdentity.self, row, "identity_sealed", id: id),
            trustedContacts: try sealing.open(json: [TrustedContact].self, row, "contacts_sealed", id: id),
            createdAt: try row.date("created_at"))
    }

    // MARK: - Check-ins

    public func plan(for defenderID: UUID) async throws -> CheckInPlan? {
        try await backend.read { database in
            try await database.select().column("*").from("checkin_plans").where("defender_id", .equal, defenderID.text).first().map(Self.decodePlan)
        }
    }

    /// Sets (or replaces) the plan; the next check-in is due a full interval from `now`.
    public func setPlan(_ plan: CheckInPlan, actor: String) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await database.delete(from: "checkin_plans").where("defender_id", .equal, plan.defenderID.text).run()
            try await Self.planRow(plan).insert(into: "checkin_plans", database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .defenderUpdated, target: "\(plan.defenderID.text) check-in plan"),
                                                in: database, dialect: dialect)
        }
    }

    /// A check-in: the plan is on time again. Returns the plan after it.
    @discardableResult
    public func checkIn(_ defenderID: UUID, actor: String, now: Date = Date()) async throws -> CheckInPlan {
        let dialect = backend.dialect
        return try await backend.transaction { database in
            guard let current = try await database.select().column("*").from("checkin_plans")
                .where("defender_id", .equal, defenderID.text).first().map(Self.decodePlan) else {
                throw StoreError.notFound(what: "A check-in arrangement")
            }
            let plan = current.checkedIn(at: now)
            try await database.update("checkin_plans").set("last_checkin_at", to: now.epochSeconds).set("stage", to: plan.stage.rawValue)
                .set("stage_changed_at", to: now.epochSeconds).where("defender_id", .equal, defenderID.text).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .checkedIn, target: defenderID.text), in: database, dialect: dialect)
            return plan
        }
    }

    static func planRow(_ plan: CheckInPlan) -> Row {
        var row = Row()
        row.set("defender_id", plan.defenderID.text)
        row.set("interval_seconds", Int64(plan.interval.seconds))
        row.set("grace_seconds", Int64(plan.grace.seconds))
        row.set("active", plan.active ? 1 : 0)
        row.set("last_checkin_at", plan.lastCheckIn.epochSeconds)
        row.set("stage", plan.stage.rawValue)
        row.set("stage_changed_at", plan.stageChangedAt.epochSeconds)
        return row
    }

    static func decodePlan(_ row: any SQLRow) throws -> CheckInPlan {
        CheckInPlan(
            defenderID: try row.uuid("defender_id"), interval: .seconds(try row.decode(column: "interval_seconds", as: Int64.self)),
            grace: .seconds(try row.decode(column: "grace_seconds", as: Int64.self)), active: try row.int("active") != 0,
            lastCheckIn: try row.date("last_checkin_at"), stage: try row.enumValue("stage", as: CheckInPlan.Stage.self),
            stageChangedAt: try row.date("stage_changed_at"))
    }
}
