import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import Logging

/// Everything the web application needs to start, read once and validated by the CLI.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var demo: Bool
    public var logLevel: Logger.Level
    /// scrypt cost for new password hashes (and the stand-in hash); tests lower it.
    public var passwordParameters: PasswordHash.Parameters
    /// The time for sign-in throttling and one-time codes; tests hold it still so that a slow machine
    /// cannot outwait a lock or drift into the next code's window.
    public var clock: @Sendable () -> Date
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (for per-address throttling).
    public var trustedProxies: Set<String> = []
    /// How often the server signs a checkpoint of the audit log (when it has grown).
    public var auditCheckpointInterval: Duration = .seconds(3600)
    /// The largest evidence file accepted, in bytes (`serve --evidence-limit-mb`).
    public var evidenceSizeLimit = 100 << 20
    /// The key envelope the server watches: when a shred removes it, the server stops at once.
    public var keyEnvelope: URL?
    /// Where alerts go (`serve --smtp`, `--webhook`), and how often missed check-ins are looked for.
    public var channels = MessageChannels()
    public var escalationInterval: Duration = .seconds(30)
    /// How often the server looks whether the weekly digest of overdue action points is due.
    public var digestCheckInterval: Duration = .seconds(3600)
    /// Aggregates shown to partners or published hold back counts below this (`serve --disclosure-threshold`).
    public var disclosureThreshold = DisclosureControl.defaultThreshold
    /// What happens once the keys are destroyed (from the web by two coordinators, or noticed by the key
    /// watch): the process ends, taking the keys in its memory with it (tests replace this).
    public var afterShred: @Sendable () -> Void = { exit(EXIT_FAILURE) }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation,
        demo: Bool = false, logLevel: Logger.Level = .info, passwordParameters: PasswordHash.Parameters = .interactive,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clock = clock
        self.host = host
        self.port = port
        self.database = database
        self.demo = demo
        self.logLevel = logLevel
        self.passwordParameters = passwordParameters
    }

    /// Plain HTTP is only for loopback; on any other address a TLS proxy stands in front, so cookies
    /// are Secure (`__Host-` prefixed) and HSTS is sent.
    public var secureCookies: Bool {
        !["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) && !host.hasPrefix("127.")
    }
}
