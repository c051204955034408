import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Server-side sessions, in the database so that several app instances can share them. The cookie
/// holds a random token; the table holds only its hash. Sessions end after 30 idle minutes or 12 hours.
public struct SessionRepository: Sendable {
    public static let idleTimeout: Int64 = 30 * 60
    public static let absoluteTimeout: Int64 = 12 * 3600

    public struct Session: Sendable, Equatable {
        public let userID: UUID
        public let csrfToken: String
        public let secondFactorPending: Bool
    }

    let backend: any DatabaseBackend

    /// Starts a session; returns the token for the cookie (shown nowhere else).
    public func create(for userID: UUID, secondFactorPending: Bool, now: Date = Date()) async throws -> OpaqueToken {
        let token = OpaqueToken()
        let csrf = OpaqueToken().value
        let time = Int64(now.timeIntervalSince1970)
        try await backend.transaction { database in
            try await database.insert(into: "sessions")
                .columns("token_hash", "user_id", "csrf_token", "second_factor_pending", "created_at", "last_seen_at")
                .values(SQLBind(token.storageHash), SQLBind(userID.text), SQLBind(csrf),
                        SQLBind(secondFactorPending ? 1 : 0), SQLBind(time), SQLBind(time))
                .run()
        }
        return token
    }

    /// The live session for a cookie token, refreshed; nil (and the row removed) once it has expired.
    /// A read: only the once-a-minute refresh and the removal write, so page views never queue
    /// behind the single writer.
    public func find(token: String, now: Date = Date()) async throws -> Session? {
        try await live(token: token, now: now, from: { $0.select().from("sessions") }, with: { _ in () })?.session
    }

    /// The session's columns, named apart from those of a table joined to it.
    private static let columns = ["user_id", "csrf_token", "second_factor_pending", "created_at", "last_seen_at"]

    /// A live session as `find` checks it, read in one statement with whatever `select` joins to
    /// the sessions table and `extra` reads from the same row (its account: `UserRepository.find(session:)`).
    func live<Extra: Sendable>(
        token: String, now: Date, from select: @escaping @Sendable (any SQLDatabase) -> SQLSelectBuilder,
        with extra: @escaping @Sendable (any SQLRow) throws -> Extra
    ) async throws -> (session: Session, extra: Extra)? {
        let hash = OpaqueToken.storageHash(of: token)
        let time = Int64(now.timeIntervalSince1970)
        let found = try await backend.read { database in
            try await select(database)
                .columns(Self.columns.map { SQLAlias(SQLColumn($0, table: "sessions"), as: SQLIdentifier("session_\($0)")) as any SQLExpression })
                .where(SQLColumn("token_hash", table: "sessions"), .equal, SQLBind(hash)).first()
                .map { row in
                    (userID: UUID(uuidString: try row.decode(column: "session_user_id", as: String.self)),
                     csrf: try row.decode(column: "session_csrf_token", as: String.self),
                     pending: try row.decode(column: "session_second_factor_pending", as: Int.self) != 0,
                     created: try row.decode(column: "session_created_at", as: Int64.self),
                     lastSeen: try row.decode(column: "session_last_seen_at", as: Int64.self),
                     extra: try extra(row))
                }
        }
        guard let found else { return nil }
        guard time - found.lastSeen <= Self.idleTimeout, time - found.created <= Self.absoluteTimeout, let userID = found.userID else {
            try await backend.transaction { database in
                try await database.delete(from: "sessions").where("token_hash", .equal, hash).run()
            }
            return nil
        }
        if time - found.lastSeen >= 60 {
            try await backend.transaction { database in
                try await database.update("sessions").set("last_seen_at", to: SQLBind(time)).where("token_hash", .equal, hash).run()
            }
        }
        return (Session(userID: userID, csrfToken: found.csrf, secondFactorPending: found.pending), found.extra)
    }

    public func completeSecondFactor(token: String) async throws {
        let hash = OpaqueToken.storageHash(of: token)
        try await backend.transaction { database in
            try await database.update("sessions").set("second_factor_pending", to: SQLBind(0)).where("token_hash", .equal, hash).run()
        }
    }

    public func delete(token: String) async throws {
        let hash = OpaqueToken.storageHash(of: token)
        try await backend.transaction { database in
            try await database.delete(from: "sessions").where("token_hash", .equal, hash).run()
        }
    }

    /// Ends every session of an account ("sign out everywhere", a password change, a disabled account).
    public func deleteAll(for userID: UUID) async throws {
        try await backend.transaction { database in
            try await Self.deleteAll(for: userID, in: database)
        }
    }

    static func deleteAll(for userID: UUID, in database: any SQLDatabase) async throws {
        try await database.delete(from: "sessions").where("user_id", .equal, userID.text).run()
    }

    public func count(for userID: UUID) async throws -> Int {
        try await backend.read { database in
            try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("sessions")
                .where("user_id", .equal, userID.text).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
