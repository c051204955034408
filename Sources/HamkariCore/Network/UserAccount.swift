import Foundation

/// A person's account on the instance. It holds no name or contact in the clear: the login is a
/// handle the person chooses, and identity fields arrive sealed with the security foundation.
public struct UserAccount: Hashable, Sendable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case active
        case disabled
    }

    public var id: UUID
    public var organisationID: UUID
    public var login: String
    public var role: Role
    public var status: Status
    public var locale: AppLocale?
    public var calendar: CalendarSystem?
    public var createdAt: Date
    /// Set by a sign-in with the duress password: the account sees nothing sealed until a coordinator restores it.
    public var sealedAccessSuspended: Bool

    public init(
        id: UUID = UUIDv7.make(), organisationID: UUID, login: String, role: Role, status: Status = .active,
        locale: AppLocale? = nil, calendar: CalendarSystem? = nil, createdAt: Date = Date(), sealedAccessSuspended: Bool = false
    ) {
        self.sealedAccessSuspended = sealedAccessSuspended
        self.id = id
        self.organisationID = organisationID
        self.login = login
        self.role = role
        self.status = status
        self.locale = locale
        self.calendar = calendar
        self.createdAt = createdAt
    }

    /// Logins are lower-case handles of letters, digits, `.`, `-` and `_`, 3 to 64 long.
    public static func isValidLogin(_ login: String) -> Bool {
        (3...64).contains(login.count) && login.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
        }
    }
}

/// Who an account belongs to: sealed at rest, shown only to those allowed, every view audited.
public struct UserIdentity: Hashable, Sendable {
    public var displayName: String?
    public var contact: String?

    public init(displayName: String? = nil, contact: String? = nil) {
        self.displayName = displayName
        self.contact = contact
    }
}
