import Foundation
import HamkariCore
import SQLKit

/// Accounts. Password hashes are written here; checking them belongs to the security layer.
public struct UserRepository: Sendable {
    let backend: any DatabaseBackend

    public func create(_ user: UserAccount, passwordHash: String?) async throws {
        guard UserAccount.isValidLogin(user.login) else {
            throw StoreError.invalid(reason: "A login is 3 to 64 lower-case letters, digits, '.', '-' or '_'.")
        }
        try await backend.transaction { database in
            let existing = try await database.select().column("id").from("users").where("login", .equal, user.login).first()
            guard existing == nil else { throw StoreError.conflict(reason: "The login \(user.login) is taken.") }
            try await Self.insert(user, passwordHash: passwordHash, into: database)
        }
    }

    static func insert(_ user: UserAccount, passwordHash: String?, into database: any SQLDatabase) async throws {
        try await database.insert(into: "users")
            .columns("id", "organisation_id", "login", "role", "status", "password_hash", "locale", "calendar", "created_at")
            .values(
                SQLBind(user.id.uuidString.lowercased()), SQLBind(user.organisationID.uuidString.lowercased()),
                SQLBind(user.login), SQLBind(user.role.rawValue), SQLBind(user.status.rawValue), SQLBind(passwordHash),
                SQLBind(user.locale?.rawValue), SQLBind(user.calendar?.rawValue),
                SQLBind(Int64(user.createdAt.timeIntervalSince1970))
            )
            .run()
    }

    public func find(login: String) async throws -> UserAccount? {
        try await backend.read { database in
            try await database.select()
                .columns("id", "organisation_id", "login", "role", "status", "locale", "calendar", "created_at")
                .from("users").where("login", .equal, login).first().map(Self.decode)
        }
    }

    public func count() async throws -> Int {
        try await backend.read { database in
            try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("users").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    private static func decode(_ row: any SQLRow) throws -> UserAccount {
        guard let id = UUID(uuidString: try row.decode(column: "id", as: String.self)),
              let organisationID = UUID(uuidString: try row.decode(column: "organisation_id", as: String.self)),
              let role = Role(rawValue: try row.decode(column: "role", as: String.self)),
              let status = UserAccount.Status(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoreError.invalid(reason: "a user row is malformed")
        }
        return UserAccount(
            id: id, organisationID: organisationID, login: try row.decode(column: "login", as: String.self),
            role: role, status: status,
            locale: try row.decode(column: "locale", as: String?.self).flatMap(AppLocale.init(rawValue:)),
            calendar: try row.decode(column: "calendar", as: String?.self).flatMap(CalendarSystem.init(rawValue:)),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self)))
        )
    }
}
