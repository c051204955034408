import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Decides escalations of missed check-ins and raises panic alerts, writing the messages to the
/// outbox in the same transaction as the new stage. On PostgreSQL an advisory lock makes sure two
/// app instances never decide the same escalation twice; SQLite has one writer anyway.
public struct Escalations: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static let lockKey = 0x4553_4341  // "ESCA"

    /// Whether any check-in plan has a step due: a cheap read, so that the scheduler opens the officers'
    /// sealed contacts (an audited read) only when there is someone to tell.
    public func anyDue(now: Date = Date()) async throws -> Bool {
        try await backend.read { database in
            try await database.select().column("*").from("checkin_plans").where("active", .equal, 1)
                .where("stage", .notEqual, CheckInPlan.Stage.escalated.rawValue).all()
                .map(DefenderRepository.decodePlan).contains { $0.step(at: now) != .nothing }
        }
    }

    /// Applies every due step. `officers` are the network's protection officers' recipients.
    /// Returns how many messages were queued.
    @discardableResult
    public func run(now: Date = Date(), officers: [Recipient]) async throws -> Int {
        let dialect = backend.dialect
        let keys = self.keys
        let defenders = DefenderRepository(backend: backend, keys: keys)
        return try await backend.transaction { database in
            if dialect == .postgres { try await database.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run() }
            let plans = try await database.select().column("*").from("checkin_plans").where("active", .equal, 1)
                .where("stage", .notEqual, CheckInPlan.Stage.escalated.rawValue).all().map(DefenderRepository.decodePlan)
            var queued = 0
            for plan in plans {
                let step = plan.step(at: now)
                guard step != .nothing,
                      let row = try await database.select().column("*").from("defenders").where("id", .equal, plan.defenderID.text).first() else { continue }
                let profile = try defenders.decode(row)
                let recipients: [Recipient]
                let stage: CheckInPlan.Stage
                let kind: AlertText.Kind
                switch step {
                case .askDefender:
                    (recipients, stage, kind) = (Recipient.reaching(email: profile.identity.email, phone: profile.identity.phone), .askedDefender, .areYouSafe)
                default:
                    let contacts = profile.trustedContacts.flatMap { Recipient.reaching(email: $0.email, phone: $0.phone) }
                    (recipients, stage, kind) = (Array(Set(officers + contacts)).sorted { $0.address < $1.address }, .escalated, .missedCheckIn)
                }
                try await Outbox.enqueue(kind, to: recipients, name: profile.identity.alertName, since: plan.lastCheckIn, defenderID: profile.id,
                                         now: now, keys: keys, in: database)
                try await database.update("checkin_plans").set("stage", to: stage.rawValue).set("stage_changed_at", to: now.epochSeconds)
                    .where("defender_id", .equal, plan.defenderID.text).run()
                try await AuditLogRepository.append(
                    AuditEvent(actor: AuditEvent.systemActor, action: .checkInEscalated, target: "\(plan.defenderID.text) \(stage.rawValue)"),
                    in: database, dialect: dialect)
                queued += recipients.count
            }
            return queued
        }
    }

    /// A sign-in with a duress password: the officers are told (the account was already suspended by the caller).
    public func duress(_ userID: UUID, name: String, officers: [Recipient], now: Date = Date()) async throws {
        let keys = self.keys
        try await backend.transaction { database in
            try await Outbox.enqueue(.duress, to: officers, name: name, since: now, defenderID: userID, now: now, keys: keys, in: database)
        }
    }

    /// A panic alert: officers and trusted contacts are told at once. Returns how many messages were queued.
    @discardableResult
    public func panic(_ defenderID: UUID, actor: String, officers: [Recipient], now: Date = Date()) async throws -> Int {
        let dialect = backend.dialect
        let keys = self.keys
        let defenders = DefenderRepository(backend: backend, keys: keys)
        return try await backend.transaction { database in
            guard let row = try await database.select().column("*").from("defenders").where("id", .equal, defenderID.text).first() else {
                throw StoreError.notFound(what: "The defender")
            }
            let profile = try defenders.decode(row)
            let recipients = Array(Set(officers + profile.trustedContacts.flatMap { Recipient.reaching(email: $0.email, phone: $0.phone) }))
                .sorted { $0.address < $1.address }
            try await Outbox.enqueue(.panic, to: recipients, name: profile.identity.alertName, since: now, defenderID: defenderID, now: now,
                                     keys: keys, in: database)
            // An alert opens a protection case at once, for the officers to follow up.
            try await ProtectionRecordsRepository.insertCase(ProtectionCase(defenderID: defenderID, origin: .alert, openedAt: now),
                                                             actor: actor, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .panicRaised, target: defenderID.text), in: database, dialect: dialect)
            return recipients.count
        }
    }
}
