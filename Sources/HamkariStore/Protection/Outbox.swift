import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Where a message goes: an e-mail address (SMTP), or a phone number handed to the webhook of an
/// SMS or messaging gateway.
public struct Recipient: Hashable, Sendable, Codable {
    public enum Channel: String, Sendable, Codable {
        case email, webhook
    }

    public var channel: Channel
    public var address: String

    public init(channel: Channel, address: String) {
        self.channel = channel
        self.address = address
    }

    /// The ways to reach someone from an e-mail address and/or a phone number.
    public static func reaching(email: String, phone: String) -> [Recipient] {
        (email.contains("@") ? [Recipient(channel: .email, address: email)] : [])
            + (phone.isEmpty ? [] : [Recipient(channel: .webhook, address: phone)])
    }

    /// Reads a free-text contact ("+93 700…", "name@example.org").
    public static func reaching(contact: String) -> [Recipient] {
        let text = contact.trimmingCharacters(in: .whitespaces)
        return text.contains("@") ? reaching(email: text, phone: "") : reaching(email: "", phone: text)
    }
}

/// A message waiting to be delivered (sealed at rest: it names a defender by the name contacts know).
public struct OutboxMessage: Hashable, Sendable {
    public var id: UUID
    public var kind: AlertText.Kind
    public var recipient: Recipient
    public var subject: String
    public var body: String
    public var attempts: Int
}

/// Messages are written to the outbox in the same transaction as the decision to send them, and
/// delivered afterwards: a crash or restart loses none, and an escalation is decided only once.
public struct Outbox: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    struct Sealed: Codable {
        var recipient: Recipient
        var subject: String
        var body: String
    }

    static let maximumAttempts = 10

    static func enqueue(_ kind: AlertText.Kind, to recipients: [Recipient], name: String, since: Date, defenderID: UUID, now: Date,
                        keys: InstanceKeys, in database: any SQLDatabase) async throws {
        try await enqueue(kind, to: recipients, subject: AlertText.subject(kind), body: AlertText.body(kind, name: name, since: since),
                          defenderID: defenderID, now: now, keys: keys, in: database)
    }

    static func enqueue(_ kind: AlertText.Kind, to recipients: [Recipient], subject: String, body: String, defenderID: UUID?, now: Date,
                        keys: InstanceKeys, in database: any SQLDatabase) async throws {
        for recipient in recipients {
            let id = UUIDv7.make().text
            let sealed = Sealed(recipient: recipient, subject: subject, body: body)
            var row = Row()
            row.set("id", id)
            row.set("created_at", now.epochSeconds)
            row.set("kind", kind.rawValue)
            row.set("channel", recipient.channel.rawValue)
            row.set("defender_id", defenderID?.text)
            row.set("message_sealed", try Sealing(keys: keys, table: "outbox").seal(json: sealed, id: id, field: "message_sealed"))
            row.set("state", "pending")
            row.set("attempts", 0)
            row.set("next_attempt_at", now.epochSeconds)
            try await row.insert(into: "outbox", database)
        }
    }

    public func pending(now: Date = Date(), limit: Int = 50) async throws -> [OutboxMessage] {
        let sealing = Sealing(keys: keys, table: "outbox")
        return try await backend.read { database in
            try await database.select().column("*").from("outbox").where("state", .equal, "pending")
                .where("next_attempt_at", .lessThanOrEqual, now.epochSeconds).orderBy("created_at").limit(limit).all().map { row in
                    let id = try row.text("id")
                    let sealed = try sealing.open(json: Sealed.self, row, "message_sealed", id: id)
                    return OutboxMessage(id: try row.uuid("id"), kind: try row.enumValue("kind", as: AlertText.Kind.self),
                                         recipient: sealed.recipient, subject: sealed.subject, body: sealed.body, attempts: try row.int("attempts"))
                }
        }
    }

    public func markSent(_ id: UUID, now: Date = Date()) async throws {
        try await backend.transaction { database in
            try await database.update("outbox").set("state", to: "sent").set("sent_at", to: now.epochSeconds).where("id", .equal, id.text).run()
        }
    }

    /// A failed attempt: retried after a doubling wait, given up after `maximumAttempts`.
    public func markFailed(_ message: OutboxMessage, now: Date = Date()) async throws {
        let attempts = message.attempts + 1
        let wait = min(3600, 15 << min(attempts, 8))
        try await backend.transaction { database in
            try await database.update("outbox").set("attempts", to: attempts)
                .set("state", to: attempts >= Self.maximumAttempts ? "failed" : "pending")
                .set("next_attempt_at", to: now.epochSeconds + Int64(wait)).where("id", .equal, message.id.text).run()
        }
    }

    /// How many messages of each state there are, for the officers' page and tests.
    public func counts() async throws -> [String: Int] {
        try await backend.read { database in
            Dictionary(uniqueKeysWithValues: try await database.raw("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state").all()
                .map { (try $0.text("state"), try $0.int("n")) })
        }
    }
}
