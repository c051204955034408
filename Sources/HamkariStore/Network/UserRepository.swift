import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Accounts. The login, display name and contact are stored sealed; the login is found through a
/// blind index. Password hashes are written here; checking them belongs to the security layer.
public struct UserRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    static let table = "users"
    static let sealedColumns = ["login_sealed", "display_name_sealed", "contact_sealed"]

    public func create(_ user: UserAccount, identity: UserIdentity = UserIdentity(), passwordHash: String?, actor: String) async throws {
        guard UserAccount.isValidLogin(user.login) else {
            throw StoreError.invalid(reason: "A login is 3 to 64 lower-case letters, digits, '.', '-' or '_'.")
        }
        let keys = self.keys
        let dialect = backend.dialect
        try await backend.transaction { database in
            let existing = try await database.select().column("id").from(Self.table)
                .where("login_index", .equal, keys.blindIndex.index(of: user.login)).first()
            guard existing == nil else { throw StoreError.conflict(reason: "The login \(user.login) is taken.") }
            try await Self.insert(user, identity: identity, passwordHash: passwordHash, keys: keys, into: database)
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .userCreated, target: user.id.text), in: database, dialect: dialect)
        }
    }

    static func insert(
        _ user: UserAccount, identity: UserIdentity, passwordHash: String?, keys: InstanceKeys, into database: any SQLDatabase
    ) async throws {
        let id = user.id.text
        func seal(_ value: String?, _ field: String) throws -> Data? {
            try value.map { try keys.sealer.seal($0, context: SealContext(table: table, recordID: id, field: field)) }
        }
        try await database.insert(into: table)
            .columns("id", "organisation_id", "login_index", "login_sealed", "display_name_sealed", "contact_sealed",
                     "role", "status", "password_hash", "locale", "calendar", "created_at")
            .values(
                SQLBind(id), SQLBind(user.organisationID.text),
                SQLBind(keys.blindIndex.index(of: user.login)), SQLBind(try seal(user.login, "login_sealed")),
                SQLBind(try seal(identity.displayName, "display_name_sealed")), SQLBind(try seal(identity.contact, "contact_sealed")),
                SQLBind(user.role.rawValue), SQLBind(user.status.rawValue), SQLBind(passwordHash),
                SQLBind(user.locale?.rawValue), SQLBind(user.calendar?.rawValue),
                SQLBind(Int64(user.createdAt.timeIntervalSince1970))
            )
            .run()
    }

    public func find(login: String) async throws -> UserAccount? {
        let index = keys.blindIndex.index(of: login)
        let keys = self.keys
        return try await backend.read { database in
            try await Self.selectAccount(database).where("login_index", .equal, index).first().map { try Self.decode($0, keys: keys) }
        }
    }

    public func find(id: UUID) async throws -> UserAccount? {
        let keys = self.keys
        return try await backend.read { database in
            try await Self.selectAccount(database).where("id", .equal, id.text).first()
                .map { try Self.decode($0, keys: keys) }
        }
    }

    /// The account a live API token belongs to, read with the token in one statement (every API
    /// request asks); nil for an unknown, expired or revoked token. The caller checks the account's status.
    public func account(forToken value: String, now: Date = Date()) async throws -> UserAccount? {
        guard value.hasPrefix(APITokenRepository.prefix) else { return nil }
        let hash = OpaqueToken.storageHash(of: value)
        let time = Int64(now.timeIntervalSince1970)
        let keys = self.keys
        return try await backend.read { database in
            guard let row = try await Self.selectAccount(database)
                .columns(SQLColumn("expires_at", table: "api_tokens"), SQLColumn("revoked_at", table: "api_tokens"))
                .join(SQLIdentifier("api_tokens"), method: SQLJoinMethod.inner,
                      on: SQLColumn("user_id", table: "api_tokens"), .equal, SQLColumn("id", table: Self.table))
                .where(SQLColumn("token_hash", table: "api_tokens"), .equal, SQLBind(hash))
                .first(), try APITokenRepository.isLive(row, at: time) else { return nil }
            return try Self.decode(row, keys: keys)
        }
    }

    /// The live session for a cookie token with its account, read in one statement (every page
    /// asks); nil for no session or an expired one, as `SessionRepository.find` decides.
    public func find(session token: String, in sessions: SessionRepository, now: Date = Date()) async throws
        -> (session: SessionRepository.Session, account: UserAccount)? {
        let keys = self.keys
        return try await sessions.live(token: token, now: now, from: { database in
            Self.selectAccount(database).join(SQLIdentifier("sessions"), method: SQLJoinMethod.inner,
                                              on: SQLColumn("user_id", table: "sessions"), .equal, SQLColumn("id", table: Self.table))
        }, with: { try Self.decode($0, keys: keys) }).map { ($0.session, $0.extra) }
    }

    /// Opens a user's sealed identity; the read itself is audited.
    public func identity(of id: UUID, viewer: String) async throws -> UserIdentity? {
        let keys = self.keys
        let dialect = backend.dialect
        let recordID = id.text
        return try await backend.transaction { database in
            guard let row = try await database.select().columns("display_name_sealed", "contact_sealed").from(Self.table)
                .where("id", .equal, recordID).first() else { return nil }
            try await AuditLogRepository.append(
                AuditEvent(actor: viewer, action: .identityViewed, target: recordID), in: database, dialect: dialect)
            func open(_ column: String) throws -> String? {
                try row.decode(column: column, as: Data?.self).map {
                    try keys.sealer.openText($0, context: SealContext(table: Self.table, recordID: recordID, field: column))
                }
            }
            return UserIdentity(displayName: try open("display_name_sealed"), contact: try open("contact_sealed"))
        }
    }

    public func passwordHash(login: String) async throws -> String? {
        let index = keys.blindIndex.index(of: login)
        return try await backend.read { database in
            try await database.select().column("password_hash").from(Self.table).where("login_index", .equal, index)
                .first()?.decode(column: "password_hash", as: String?.self) ?? nil
        }
    }

    /// Sets a new password hash (a reset by an administrator, or a change by the person) and ends all sessions.
    public func setPasswordHash(_ hash: String, for id: UUID, actor: String, action: AuditAction = .passwordReset) async throws {
        try await update(id, set: "password_hash", to: hash, action: action, actor: actor)
    }

    public func setStatus(_ status: UserAccount.Status, for id: UUID, actor: String) async throws {
        try await update(id, set: "status", to: status.rawValue, action: status == .disabled ? .userDisabled : .userEnabled, actor: actor)
    }

    private func update(_ id: UUID, set column: String, to value: String, action: AuditAction, actor: String) async throws {
        let dialect = backend.dialect
        let recordID = id.text
        try await backend.transaction { database in
            guard try await database.select().column("id").from(Self.table).where("id", .equal, recordID).first() != nil else {
                throw StoreError.notFound(what: "The account")
            }
            try await database.update(Self.table).set(column, to: value).where("id", .equal, recordID).run()
            // A new password or a disabled account ends every session the account had.
            try await SessionRepository.deleteAll(for: id, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: action, target: recordID), in: database, dialect: dialect)
        }
    }

    /// A member's account is in hostile hands: in one transaction it is disabled (so the policy hides every
    /// record from it), its sessions end and its API tokens are revoked. Returns how many tokens were revoked.
    @discardableResult
    public func markCompromised(_ id: UUID, actor: String) async throws -> Int {
        let dialect = backend.dialect
        let recordID = id.text
        return try await backend.transaction { database in
            guard try await database.select().column("id").from(Self.table).where("id", .equal, recordID).first() != nil else {
                throw StoreError.notFound(what: "The account")
            }
            try await database.update(Self.table).set("status", to: UserAccount.Status.disabled.rawValue).where("id", .equal, recordID).run()
            try await SessionRepository.deleteAll(for: id, in: database)
            let live = try await database.raw("SELECT COUNT(*) AS n FROM api_tokens WHERE user_id = \(bind: recordID) AND revoked_at IS NULL")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            try await database.update("api_tokens").set("revoked_at", to: SQLBind(Int64(Date().timeIntervalSince1970)))
                .where("user_id", .equal, recordID).where("revoked_at", .is, SQLLiteral.null).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .userCompromised, target: recordID), in: database, dialect: dialect)
            return live
        }
    }

    /// The person's own choice of interface language and calendar (nil: decide per request).
    public func setPreferences(locale: AppLocale?, calendar: CalendarSystem?, for id: UUID) async throws {
        try await backend.transaction { database in
            try await database.update(Self.table)
                .set("locale", to: SQLBind(locale?.rawValue)).set("calendar", to: SQLBind(calendar?.rawValue))
                .where("id", .equal, id.text).run()
        }
    }

    /// The duress password's hash, if the person set one.
    public func duressHash(login: String) async throws -> String? {
        let index = keys.blindIndex.index(of: login)
        return try await backend.read { database in
            try await database.select().column("duress_hash").from(Self.table).where("login_index", .equal, index)
                .first()?.decode(column: "duress_hash", as: String?.self) ?? nil
        }
    }

    public func setDuressHash(_ hash: String?, for id: UUID, actor: String) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await database.update(Self.table).set("duress_hash", to: SQLBind(hash)).where("id", .equal, id.text).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .duressPasswordSet, target: id.text),
                                                in: database, dialect: dialect)
        }
    }

    /// Suspends (after a duress sign-in) or restores (by a coordinator) the account's access to sealed data.
    public func setSealedAccessSuspended(_ suspended: Bool, for id: UUID, actor: String) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await database.update(Self.table).set("sealed_suspended", to: suspended ? 1 : 0).where("id", .equal, id.text).run()
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: suspended ? .sealedAccessSuspended : .sealedAccessRestored, target: id.text),
                in: database, dialect: dialect)
        }
    }

    /// The active accounts of a role (say, the protection officers to alert).
    public func accounts(role: Role) async throws -> [UserAccount] {
        let keys = self.keys
        return try await backend.read { database in
            try await Self.selectAccount(database).where("role", .equal, role.rawValue).where("status", .equal, UserAccount.Status.active.rawValue)
                .all().map { try Self.decode($0, keys: keys) }
        }
    }

    public func count() async throws -> Int {
        try await backend.read { database in
            try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from(Self.table).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    private static func selectAccount(_ database: any SQLDatabase) -> SQLSelectBuilder {
        // Named with their table, so that a join (such as a token's) leaves no column ambiguous.
        database.select()
            .columns(["id", "organisation_id", "login_sealed", "role", "status", "locale", "calendar", "created_at", "sealed_suspended"]
                .map { SQLColumn($0, table: table) as any SQLExpression })
            .from(table)
    }

    private static func decode(_ row: any SQLRow, keys: InstanceKeys) throws -> UserAccount {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText),
              let organisationID = UUID(uuidString: try row.decode(column: "organisation_id", as: String.self)),
              let role = Role(rawValue: try row.decode(column: "role", as: String.self)),
              let status = UserAccount.Status(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoreError.invalid(reason: "a user row is malformed")
        }
        let login = try keys.sealer.openText(try row.decode(column: "login_sealed", as: Data.self),
                                             context: SealContext(table: table, recordID: idText, field: "login_sealed"))
        return UserAccount(
            id: id, organisationID: organisationID, login: login, role: role, status: status,
            locale: try row.decode(column: "locale", as: String?.self).flatMap(AppLocale.init(rawValue:)),
            calendar: try row.decode(column: "calendar", as: String?.self).flatMap(CalendarSystem.init(rawValue:)),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self))),
            sealedAccessSuspended: try row.decode(column: "sealed_suspended", as: Int.self) != 0
        )
    }
}
