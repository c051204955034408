import Foundation
import HamkariCore
import HamkariStore
import Logging
import ServiceLifecycle

/// The scheduler inside the server: every `interval` it decides due escalations (stored with the
/// messages they cause, in one transaction) and delivers what the outbox holds. Due times and stages
/// live in the database, so a restart neither loses nor repeats an escalation.
public struct EscalationService: Service {
    let store: Store
    let channels: MessageChannels
    let interval: Duration
    let logger: Logger

    public init(store: Store, channels: MessageChannels, interval: Duration, logger: Logger) {
        self.store = store
        self.channels = channels
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await repeatUntilShutdown(every: interval) { await tick() }
    }

    /// One round: decide, then deliver. Errors are logged by type only (messages name people).
    public func tick(now: Date = Date()) async {
        do {
            guard try await store.escalations.anyDue(now: now) else {
                await deliver(now: now)
                return
            }
            let queued = try await store.escalations.run(now: now, officers: try await Self.officers(store))
            if queued > 0 { logger.notice("check-in escalation queued", metadata: ["messages": "\(queued)"]) }
        } catch {
            logger.error("escalation failed", metadata: ["type": .string(String(reflecting: type(of: error)))])
        }
        await deliver(now: now)
    }

    func deliver(now: Date) async {
        guard let pending = try? await store.outbox.pending(now: now) else { return }
        for message in pending {
            do {
                try await channels.deliver(message)
                try await store.outbox.markSent(message.id, now: now)
            } catch {
                logger.warning("message not delivered", metadata: [
                    "channel": .string(message.recipient.channel.rawValue), "type": .string(String(reflecting: type(of: error))),
                ])
                try? await store.outbox.markFailed(message, now: now)
            }
        }
    }

    /// Delivers what was just queued (an alert) without waiting for the scheduler's next round.
    static func deliverSoon(_ store: Store, _ channels: MessageChannels) {
        let service = EscalationService(store: store, channels: channels, interval: .seconds(30), logger: Logger(label: "hamkari.protection"))
        Task { await service.deliver(now: Date()) }
    }

    /// The protection officers' ways to be reached (from their sealed contact; read by the system, audited).
    static func officers(_ store: Store) async throws -> [Recipient] {
        var recipients: [Recipient] = []
        for officer in try await store.users.accounts(role: .protectionOfficer) {
            let contact = try await store.users.identity(of: officer.id, viewer: AuditEvent.systemActor)?.contact ?? ""
            recipients += Recipient.reaching(contact: contact)
        }
        return recipients
    }
}
