import Foundation
import Logging
import ServiceLifecycle

/// Stops the server within seconds of a crypto-shred (`hamkari key shred` from another shell, or
/// after a raid begins): when the key envelope is gone from the data directory, the process exits
/// at once, so the keys it holds in memory go with it rather than waiting for a graceful shutdown.
struct KeyWatchService: Service {
    let envelope: URL
    let interval: Duration
    let logger: Logger
    /// Ends the process (tests replace it).
    let stop: @Sendable () -> Void

    func run() async throws {
        await repeatUntilShutdown(every: interval) {
            if !FileManager.default.fileExists(atPath: envelope.path) {
                logger.critical("the keys were destroyed (crypto-shred); stopping now")
                stop()
            }
        }
    }
}
