import Foundation
import HamkariCore
import HamkariStore
import Logging
import ServiceLifecycle

/// Signs a checkpoint of the audit log every `interval` while the server runs, when entries were
/// added since the last one, so that a rewrite of history is caught even if no one asks for one.
struct AuditCheckpointService: Service {
    let store: Store
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await repeatUntilShutdown(every: interval) {
            do {
                try await checkpointIfGrown()
            } catch {
                logger.warning("audit checkpoint failed", metadata: ["type": .string(String(reflecting: type(of: error)))])
            }
        }
    }

    /// Returns the new checkpoint's size, or nil when the log has not grown since the last one.
    @discardableResult
    func checkpointIfGrown() async throws -> Int? {
        guard try await store.audit.count() > (try await store.audit.lastCheckpointSize() ?? 0) else { return nil }
        return try await store.audit.checkpoint(actor: AuditEvent.systemActor).treeSize
    }
}
