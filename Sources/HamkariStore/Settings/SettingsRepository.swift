import Foundation
import SQLKit

/// Instance-wide settings as keys and text values.
public struct SettingsRepository: Sendable {
    public enum Key: String, Sendable, CaseIterable {
        case networkNameEnglish = "network.name.en"
        case networkNameDari = "network.name.fa-AF"
        case networkNamePashto = "network.name.ps"
        case networkNameUzbek = "network.name.uz"
        case demo = "instance.demo"
        /// Roles whose members must use two-factor sign-in, comma-separated.
        case requireSecondFactorRoles = "security.require-2fa-roles"
        /// A coordinator's request to destroy the keys, waiting for a second coordinator: "ACCOUNT-ID EPOCH-SECONDS".
        case shredRequest = "security.shred-request"
        /// Set when the full-text rows must be rebuilt from the sealed records (a migration re-keyed them).
        case searchIndexRebuild = "search.index-rebuild"
        /// When the weekly digest of overdue action points last went out (epoch seconds).
        case digestSentAt = "coordination.digest-sent-at"
    }

    let backend: any DatabaseBackend
    let cache: ReferenceCache

    public func value(_ key: Key) async throws -> String? {
        try await backend.read { database in
            try await database.select().column("value").from("settings").where("key", .equal, key.rawValue)
                .first()?.decode(column: "value", as: String.self)
        }
    }

    static func remove(_ key: Key, in database: any SQLDatabase) async throws {
        try await database.delete(from: "settings").where("key", .equal, key.rawValue).run()
    }

    public func set(_ key: Key, to value: String) async throws {
        try await backend.transaction { database in
            try await Self.set(key, to: value, in: database)
        }
        await cache.forget(.networkName)
    }

    static func set(_ key: Key, to value: String, in database: any SQLDatabase) async throws {
        try await database.raw("""
            INSERT INTO settings (key, value, updated_at)
            VALUES (\(bind: key.rawValue), \(bind: value), \(bind: Int64(Date().timeIntervalSince1970)))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """).run()
    }
}
