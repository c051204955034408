import Foundation
import HamkariCore
import HamkariStore
import Logging
import ServiceLifecycle

/// Sends the weekly digest of overdue action points while the server runs: it looks every
/// `interval` whether a week has passed since the last one (kept in the database, so a restart
/// neither repeats nor skips it). Without a mail server the digest is only counted in the log.
struct DigestService: Service {
    let store: Store
    let channels: MessageChannels
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await repeatUntilShutdown(every: interval) { await tick() }
    }

    func tick(now: Date = Date()) async {
        do {
            let digest = ActionPointDigest(store: store)
            guard try await digest.isDue(now: now) else { return }
            let result = try await digest.run(now: now, deliver: channels.smtp != nil)
            logger.notice("action point digest", metadata: [
                "organisations": "\(result.organisations)", "actionPoints": "\(result.actionPoints)", "queued": "\(result.queued)",
                "delivery": .string(channels.smtp == nil ? "log only: no mail server configured" : "e-mail"),
            ])
        } catch {
            logger.error("action point digest failed", metadata: ["type": .string(String(reflecting: type(of: error)))])
        }
    }
}
