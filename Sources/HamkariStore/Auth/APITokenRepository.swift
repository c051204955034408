import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Bearer tokens for the JSON API. A token carries its user's rights; only its hash is stored;
/// it can expire and be revoked.
public struct APITokenRepository: Sendable {
    public static let prefix = "hmk_"

    let backend: any DatabaseBackend

    public func create(for userID: UUID, expiresAt: Date?, actor: String) async throws -> (id: UUID, token: OpaqueToken) {
        let token = OpaqueToken(prefix: Self.prefix)
        let id = UUIDv7.make()
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await database.insert(into: "api_tokens")
                .columns("id", "user_id", "token_hash", "created_at", "expires_at", "revoked_at")
                .values(SQLBind(id.text), SQLBind(userID.text), SQLBind(token.storageHash),
                        SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind(expiresAt.map { Int64($0.timeIntervalSince1970) }),
                        SQLBind(Int64?.none))
                .run()
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .tokenCreated, target: id.text), in: database, dialect: dialect)
        }
        return (id, token)
    }

    /// Whether a token row is live: not revoked, not expired (`UserRepository.account(forToken:)` reads it with its account).
    static func isLive(_ row: any SQLRow, at time: Int64) throws -> Bool {
        if try row.decode(column: "revoked_at", as: Int64?.self) != nil { return false }
        if let expires = try row.decode(column: "expires_at", as: Int64?.self), expires <= time { return false }
        return true
    }

    public func revoke(id: UUID, actor: String) async throws {
        let dialect = backend.dialect
        let recordID = id.text
        try await backend.transaction { database in
            guard try await database.select().column("id").from("api_tokens").where("id", .equal, recordID).first() != nil else {
                throw StoreError.notFound(what: "The token \(recordID)")
            }
            try await database.update("api_tokens").set("revoked_at", to: SQLBind(Int64(Date().timeIntervalSince1970)))
                .where("id", .equal, recordID).run()
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .tokenRevoked, target: recordID), in: database, dialect: dialect)
        }
    }
}
