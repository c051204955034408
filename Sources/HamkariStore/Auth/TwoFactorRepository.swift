import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// A user's TOTP seed (sealed), whether two-factor is on, the last time step used (so a code works
/// once), and the hashes of their single-use recovery codes.
public struct TwoFactorRepository: Sendable {
    public struct State: Sendable, Equatable {
        public let secret: String?
        public let enabled: Bool
        public let lastCounter: Int64
    }

    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static func context(_ id: String) -> SealContext { SealContext(table: "users", recordID: id, field: "totp_sealed") }

    public func state(of userID: UUID) async throws -> State {
        let id = userID.text
        let keys = self.keys
        return try await backend.read { database in
            guard let row = try await database.select().columns("totp_sealed", "totp_enabled", "totp_last_counter")
                .from("users").where("id", .equal, id).first() else { throw StoreError.notFound(what: "The account") }
            let secret = try row.decode(column: "totp_sealed", as: Data?.self).map { try keys.sealer.openText($0, context: Self.context(id)) }
            return State(secret: secret, enabled: try row.decode(column: "totp_enabled", as: Int.self) != 0,
                         lastCounter: try row.decode(column: "totp_last_counter", as: Int64.self))
        }
    }

    /// Keeps a freshly generated seed, not yet enabled, while the person adds it to their app.
    public func setPendingSecret(_ secret: String, for userID: UUID) async throws {
        let id = userID.text
        let sealed = try keys.sealer.seal(secret, context: Self.context(id))
        try await backend.transaction { database in
            try await database.update("users").set("totp_sealed", to: SQLBind(sealed)).set("totp_enabled", to: SQLBind(0))
                .where("id", .equal, id).where("totp_enabled", .equal, 0).run()
        }
    }

    public func enable(for userID: UUID, counter: Int64, recoveryCodeHashes: [String]) async throws {
        let id = userID.text
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await database.update("users").set("totp_enabled", to: SQLBind(1)).set("totp_last_counter", to: SQLBind(counter))
                .set("recovery_code_hashes", to: SQLBind(recoveryCodeHashes.joined(separator: ","))).where("id", .equal, id).run()
            try await AuditLogRepository.append(AuditEvent(actor: id, action: .secondFactorEnabled, target: id), in: database, dialect: dialect)
        }
    }

    /// Marks a time step as used; false when it (or a later one) was already used: a replayed code.
    public func useCounter(_ counter: Int64, for userID: UUID) async throws -> Bool {
        let id = userID.text
        return try await backend.transaction { database in
            let last = try await database.select().column("totp_last_counter").from("users").where("id", .equal, id)
                .first()?.decode(column: "totp_last_counter", as: Int64.self) ?? Int64.max
            guard counter > last else { return false }
            try await database.update("users").set("totp_last_counter", to: SQLBind(counter)).where("id", .equal, id).run()
            return true
        }
    }

    /// Uses up a recovery code; false when it is not one of the account's unused codes.
    public func consumeRecoveryCode(hash: String, for userID: UUID) async throws -> Bool {
        let id = userID.text
        let dialect = backend.dialect
        return try await backend.transaction { database in
            let stored = try await database.select().column("recovery_code_hashes").from("users").where("id", .equal, id)
                .first()?.decode(column: "recovery_code_hashes", as: String?.self) ?? nil
            var hashes = (stored ?? "").split(separator: ",").map(String.init)
            guard let index = hashes.firstIndex(of: hash) else { return false }
            hashes.remove(at: index)
            try await database.update("users").set("recovery_code_hashes", to: SQLBind(hashes.joined(separator: ","))).where("id", .equal, id).run()
            try await AuditLogRepository.append(AuditEvent(actor: id, action: .recoveryCodeUsed, target: id), in: database, dialect: dialect)
            return true
        }
    }
}
