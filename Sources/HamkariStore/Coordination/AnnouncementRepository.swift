import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Announcements to members: stored with their targets, shown to the accounts of the organisations
/// they are for, sent to those organisations' focal points by e-mail, and read receipts kept.
public struct AnnouncementRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys
    let directory: DirectoryRepository
    let gazetteer: GazetteerRepository

    static let sealedColumns: [(table: String, columns: [String])] = [("announcements", ["content_sealed"])]

    struct Content: Codable {
        var title: String
        var body: String
    }

    /// Stores it and, with `deliver`, queues it to the focal points of the organisations it is for.
    /// Returns how many messages were queued.
    @discardableResult
    public func publish(_ announcement: Announcement, deliver: Bool, actor: String) async throws -> Int {
        let sealing = Sealing(keys: keys, table: "announcements")
        var row = Row()
        row.set("id", announcement.id.text)
        row.set("author_id", announcement.authorID.text)
        row.set("provinces", announcement.provinces.joined(separator: ","))
        row.set("districts", announcement.districts.joined(separator: ","))
        row.set("themes", announcement.themes.map(\.rawValue).joined(separator: ","))
        row.set("content_sealed", try sealing.seal(json: Content(title: announcement.title, body: announcement.body), id: announcement.id.text,
                                                   field: "content_sealed"))
        row.set("created_at", announcement.createdAt.epochSeconds)
        var addresses: [String] = []
        if deliver {
            for organisation in try await organisations(for: announcement) {
                addresses += try await directory.focalPointsRevealing(of: organisation, viewer: AuditEvent.systemActor)
                    .compactMap { $0.contact?.email }.filter { $0.contains("@") }
            }
        }
        let recipients = Array(Set(addresses)).sorted().map { Recipient(channel: .email, address: $0) }
        let stored = row
        let keys = self.keys
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await stored.insert(into: "announcements", database)
            try await Outbox.enqueue(.announcement, to: recipients, subject: announcement.title, body: announcement.body, defenderID: nil,
                                     now: announcement.createdAt, keys: keys, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .announcementPublished,
                                                           target: "\(announcement.id.text) to \(recipients.count) addresses"), in: database, dialect: dialect)
        }
        return recipients.count
    }

    /// The organisations an announcement is for.
    public func organisations(for announcement: Announcement) async throws -> [UUID] {
        let parents = try await parents()
        return try await directory.profiles().filter { announcement.isFor($0, parents: parents) }.map(\.organisation.id)
    }

    /// Newest first: all of them for coordinators, else those for the reader's organisation.
    public func visible(to subject: AccessPolicy.Subject) async throws -> [Announcement] {
        guard AccessPolicy.decide(subject, .viewCoordination).isAllowed else { return [] }
        let all = try await list()
        guard subject.role != .coordinator else { return all }
        guard let profile = try await directory.profile(of: subject.organisationID) else { return [] }
        let parents = try await parents()
        return all.filter { $0.isFor(profile, parents: parents) }
    }

    /// Every announcement, newest first, for the operator's command line.
    public func all() async throws -> [Announcement] {
        try await list()
    }

    public func find(id: UUID) async throws -> Announcement? {
        try await list(id: id).first
    }

    private func list(id: UUID? = nil) async throws -> [Announcement] {
        let sealing = Sealing(keys: keys, table: "announcements")
        return try await backend.read { database in
            var query = database.select().column("*").from("announcements")
            if let id { query = query.where("id", .equal, id.text) }
            return try await query.orderBy("created_at", .descending).orderBy("id", .descending).all().map { row in
                let id = try row.text("id")
                let content = try sealing.open(json: Content.self, row, "content_sealed", id: id)
                func list(_ column: String) throws -> [String] { try row.text(column).split(separator: ",").map(String.init) }
                return Announcement(id: try row.uuid("id"), authorID: try row.uuid("author_id"), title: content.title, body: content.body,
                                    provinces: try list("provinces"), districts: try list("districts"),
                                    themes: try list("themes").compactMap(Theme.init(rawValue:)), createdAt: try row.date("created_at"))
            }
        }
    }

    /// Records that `account` has read it (the first time only).
    public func markRead(_ id: UUID, by account: UUID, now: Date = Date()) async throws {
        try await backend.transaction { database in
            try await database.raw("""
                INSERT INTO announcement_reads (announcement_id, user_id, read_at) VALUES (\(bind: id.text), \(bind: account.text), \(bind: now.epochSeconds))
                ON CONFLICT (announcement_id, user_id) DO NOTHING
                """).run()
        }
    }

    /// Those of `visible(to:)` that `subject` has not opened yet, for the home page.
    public func unread(by subject: AccessPolicy.Subject) async throws -> [Announcement] {
        let visible = try await visible(to: subject)
        guard !visible.isEmpty else { return [] }
        let read = try await backend.read { database in
            Set(try await database.select().column("announcement_id").from("announcement_reads").where("user_id", .equal, subject.id.text)
                .all().map { try $0.text("announcement_id") })
        }
        return visible.filter { !read.contains($0.id.text) }
    }

    /// Who has read it and when, for coordinators.
    public func readers(of id: UUID) async throws -> [(account: UUID, readAt: Date)] {
        try await backend.read { database in
            try await database.select().columns("user_id", "read_at").from("announcement_reads").where("announcement_id", .equal, id.text)
                .orderBy("read_at").all().map { (try $0.uuid("user_id"), try $0.date("read_at")) }
        }
    }

    private func parents() async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await gazetteer.all().filter { $0.level == .district }.map { ($0.pcode, $0.parentPcode) })
    }
}
