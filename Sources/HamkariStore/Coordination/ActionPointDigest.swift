import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// The weekly digest of overdue action points: to each organisation that owns some, at the e-mail
/// addresses of its focal points, through the outbox (delivered by the server's delivery rounds).
/// Without a mail server it only counts them, for the log.
public struct ActionPointDigest: Sendable {
    public struct Result: Sendable, Equatable {
        public var organisations: Int
        public var actionPoints: Int
        /// Messages written to the outbox (0 when not delivering).
        public var queued: Int
    }

    public static let interval: TimeInterval = 7 * 86400

    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Whether a week has passed since the last digest.
    public func isDue(now: Date = Date()) async throws -> Bool {
        let last = try await store.settings.value(.digestSentAt).flatMap(TimeInterval.init) ?? 0
        return now.timeIntervalSince1970 - last >= Self.interval
    }

    public func run(now: Date = Date(), deliver: Bool) async throws -> Result {
        let overdue = Dictionary(grouping: try await store.meetings.overdue(on: CalendarDay(now, in: .gregorian)), by: \.ownerOrganisationID)
        let organisations = Dictionary(uniqueKeysWithValues: try await store.organisations.all().map { ($0.id, $0) })
        var result = Result(organisations: overdue.count, actionPoints: overdue.values.reduce(0) { $0 + $1.count }, queued: 0)
        let keys = store.keys
        let dialect = store.backend.dialect
        for (owner, points) in overdue.sorted(by: { $0.key.uuidString < $1.key.uuidString }) where deliver {
            let addresses = try await store.directory.focalPointsRevealing(of: owner, viewer: AuditEvent.systemActor)
                .compactMap { $0.contact?.email }.filter { $0.contains("@") }
            guard !addresses.isEmpty else { continue }
            let name = organisations[owner]?.names.english ?? owner.text
            let lines = points.map { "- \($0.description) (\($0.due.numeric)) /meetings/\($0.meetingID.text)" }
            let body = AlertText.body(.actionPointDigest, name: name, since: now) + "\n\n" + lines.joined(separator: "\n")
            try await store.backend.transaction { database in
                try await Outbox.enqueue(.actionPointDigest, to: addresses.map { Recipient(channel: .email, address: $0) },
                                         subject: AlertText.subject(.actionPointDigest), body: body, defenderID: nil, now: now, keys: keys, in: database)
                try await AuditLogRepository.append(AuditEvent(actor: AuditEvent.systemActor, action: .digestQueued,
                                                               target: "\(owner.text): \(points.count) action points"), in: database, dialect: dialect)
            }
            result.queued += addresses.count
        }
        try await store.settings.set(.digestSentAt, to: String(Int(now.timeIntervalSince1970)))
        return result
    }
}
