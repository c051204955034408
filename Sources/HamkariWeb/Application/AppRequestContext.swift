import HamkariCore
import Hummingbird
import NIOCore

/// Per-request state: the reader's language and calendar (`LocaleMiddleware`) and, once
/// `AuthenticationMiddleware` has run, who is signed in.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var locale: AppLocale = .fallback
    public var calendar: CalendarSystem = AppLocale.fallback.defaultCalendar
    public var identity: SignedIn?
    /// The peer's IP address, for throttling sign-in per address (nil in router tests).
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON and form bodies are small; evidence uploads will have their own streaming route.
    public var maxUploadSize: Int { 1 << 20 }
}

/// Someone signed in: by a session cookie (pages) or a bearer token (API).
public struct SignedIn: Sendable {
    public enum Credential: Sendable {
        case session(token: String, csrfToken: String)
        case apiToken
    }

    public let user: UserAccount
    public let credential: Credential
    /// Signed in with a password, but the second factor is still to come.
    public var secondFactorPending = false

    public var subject: AccessPolicy.Subject { AccessPolicy.Subject(user) }

    public var csrfToken: String? {
        if case .session(_, let csrf) = credential { return csrf }
        return nil
    }

    public var sessionToken: String? {
        if case .session(let token, _) = credential { return token }
        return nil
    }
}
