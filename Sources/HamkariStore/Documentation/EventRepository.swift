import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Documented events. Every change is one transaction that also writes the record's history and
/// the audit entry; reads of identities are audited; lists, counts and searches apply the record
/// policy in SQL, so an event a reader may not see is never listed or counted for them.
public struct EventRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys
    let creations: EventCreationQueue

    /// Tables with sealed columns, for the re-seal pass after a key rotation.
    static let sealedColumns: [(table: String, columns: [String])] = [
        ("events", ["content_sealed"]), ("event_people", ["identity_sealed"]), ("event_acts", ["notes_sealed"]),
        ("event_involvements", ["group_sealed"]), ("event_sources", ["notes_sealed"]),
        ("event_interventions", ["response_sealed"]), ("event_history", ["reason_sealed"]), ("evidence_files", ["metadata_sealed"]),
    ]

    var writer: EventRecordWriter { EventRecordWriter(keys: keys, dialect: backend.dialect) }
    var reader: EventRecordReader { EventRecordReader(keys: keys) }

    /// Stores a new event: gives it its reference and people their codes; returns it as stored.
    /// Saves made at the same moment share a transaction (`EventCreationQueue`).
    @discardableResult
    public func create(_ event: Event, actor: UUID) async throws -> Event {
        let repository = self
        return try await creations.create(EventCreationQueue.Request(event: event, actor: actor.text)) { requests in
            await repository.createTogether(requests)
        }
    }

    /// New events in one transaction, each with its history, audit entry and change stamp; if that
    /// fails, each alone, so that one event's failure is its own.
    func createTogether(_ requests: [EventCreationQueue.Request]) async -> [Result<Event, any Error>] {
        do {
            return try await createInOneTransaction(requests).map { .success($0) }
        } catch {
            guard requests.count > 1 else { return [.failure(error)] }
            var results: [Result<Event, any Error>] = []
            for request in requests {
                do { results.append(.success(try await createInOneTransaction([request])[0])) } catch { results.append(.failure(error)) }
            }
            return results
        }
    }

    private func createInOneTransaction(_ requests: [EventCreationQueue.Request]) async throws -> [Event] {
        let repository = self
        let dialect = backend.dialect
        return try await backend.transaction { database in
            let (stored, change) = try await repository.insertNew(requests.map { ($0.event, $0.actor) }, change: .created, in: database)
            guard stored.count == requests.count else { throw StoreError.invalid(reason: "the event was not stored") }
            try await AuditLogRepository.append(
                zip(stored, requests).map { AuditEvent(actor: $1.actor, action: .eventCreated, target: $0.id.text) }, in: database, dialect: dialect)
            try await EventChangeLog.record(stored.map(\.id.text), as: change, in: database)
            return stored
        }
    }

    /// Stores many new events in one transaction (an import): all of them, or none. While one chunk
    /// is written, the next is sealed and indexed on another core.
    public func createAll(
        _ events: [Event], actor: String, source: String, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> [Event] {
        let repository = self
        let dialect = backend.dialect
        let stored = try await backend.transaction { database in
            // The change number is taken last, after the chunks: an import holds its transaction long.
            let numbered = try await repository.numbered(events, in: database).events
            let chunks = stride(from: 0, to: numbered.count, by: 500).map { Array(numbered[$0..<min($0 + 500, numbered.count)]) }
            var stored: [Event] = []
            stored.reserveCapacity(events.count)
            var ready = try repository.prepare(chunks.first ?? [], change: .imported, actors: { _ in actor })
            try await SQLitePageCache.growing(for: database, dialect: dialect) {
                for index in chunks.indices {
                    async let next = index + 1 < chunks.count
                        ? repository.prepare(chunks[index + 1], change: .imported, actors: { _ in actor }) : nil
                    try await repository.write(ready, in: database)
                    stored += ready.events
                    progress?(stored.count, events.count)
                    if let following = try await next { ready = following }
                }
            }
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .eventsImported, target: "\(stored.count) events from \(source)"), in: database, dialect: dialect)
            try await EventChangeLog.stamp(stored.map(\.id.text), in: database)
            return stored
        }
        if events.count >= 500 {
            try await backend.transaction { database in try await PlannerStatistics.refreshAfterBulkWrite(in: database, dialect: dialect) }
        }
        return stored
    }

    /// Stores new events with their parts, history (naming each one's actor) and search entries, as a few multi-row
    /// statements; returns them with the number of this change, taken with their references (`EventChangeLog.record`).
    func insertNew(
        _ events: [(event: Event, actor: String)], change: EventHistoryEntry.Change, in database: any SQLDatabase
    ) async throws -> (events: [Event], change: Int64) {
        let (ready, changeNumber) = try await numbered(events.map(\.event), in: database, takingChangeNumber: true)
        guard let changeNumber else { throw StoreError.invalid(reason: "no change number was taken") }
        let prepared = try prepare(ready, change: change, actors: { events[$0].actor })
        try await write(prepared, in: database)
        return (prepared.events, changeNumber)
    }

    /// New events with what the database hands out: references, order keys, people's codes; and,
    /// when asked, this change's number (`EventChangeLog`), all taken in one statement.
    private func numbered(
        _ events: [Event], in database: any SQLDatabase, takingChangeNumber: Bool = false
    ) async throws -> (events: [(event: Event, orderKey: Int64)], change: Int64?) {
        var years = EventReference.SolarHijriYears()
        let prefixes = events.map {
            EventReference.prefix(provincePcode: $0.provincePcode, date: $0.date, recordedAt: $0.createdAt, years: &years)
        }
        var increments = Dictionary(prefixes.map { ($0, 1) }, uniquingKeysWith: +)
        increments[EventOrderSequence.counter] = events.count
        if takingChangeNumber { increments[EventChangeLog.counter] = 1 }
        let last = try await ReferenceCounters.advance(increments, in: database)
        // Each prefix's first number free before this batch, then counted up event by event.
        var numbers = Dictionary(uniqueKeysWithValues: increments.map { ($0.key, Int(last[$0.key] ?? 0) - $0.value + 1) })
        let firstSequence = Int64(numbers[EventOrderSequence.counter] ?? 1)
        let result = events.enumerated().map { position, event in
            var event = event
            let prefix = prefixes[position]
            event.reference = EventReference.make(prefix: prefix, number: numbers[prefix, default: 1])
            numbers[prefix, default: 1] += 1
            event.revision = 1
            for index in event.people.indices where event.people[index].code.isEmpty {
                event.people[index].code = PseudonymousCode.make()
            }
            return (event, EventListOrder.key(firstDayISO: event.date?.firstISO, sequence: firstSequence + Int64(position)))
        }
        return (result, takingChangeNumber ? last[EventChangeLog.counter] : nil)
    }

    /// Rows of new events, sealed, with their history and search tokens, bound as the driver takes
    /// them: processor work only, done while the writer writes what was prepared before.
    struct PreparedEvents: Sendable {
        var statements: [BoundStatement] = []
        var search = SearchIndex.Pending.entries([])
        var events: [Event] = []
    }

    /// `actors` names who made the `n`th event.
    private func prepare(
        _ numbered: [(event: Event, orderKey: Int64)], change: EventHistoryEntry.Change, actors: (Int) -> String
    ) throws -> PreparedEvents {
        var prepared = PreparedEvents()
        prepared.events.reserveCapacity(numbered.count)
        var batch = EventRecordWriter.batch()
        var search: [SearchIndex.Entry] = []
        var words = SearchTokenizer.Memo()
        let nonces = RandomBlock()
        for (position, (event, orderKey)) in numbered.enumerated() {
            let actor = actors(position)
            try writer.addEventRow(event, orderKey: orderKey, nonces: nonces, to: &batch)
            try writer.addParts(of: event, nonces: nonces, to: &batch)
            try addHistory(EventHistoryEntry(revision: 1, actor: actor, time: event.updatedAt, change: change, fields: [], toStatus: event.status),
                           eventID: event.id, nonces: nonces, to: &batch)
            search.append((event.id.text, orderKey, writer.searchTokens(of: event, remembering: &words)))
            prepared.events.append(event)
        }
        prepared.statements = try batch.bound(for: backend.dialect)
        prepared.search = try SearchIndex(dialect: backend.dialect).pending(search)
        return prepared
    }

    private func write(_ prepared: PreparedEvents, in database: any SQLDatabase) async throws {
        try await database.run(prepared.statements)
        try await SearchIndex(dialect: backend.dialect).insertNew(prepared.search, in: database)
    }

    /// Saves an edit. `event.revision` must be the revision the editor started from; an edit made
    /// on an older revision is refused, so one person's changes never silently overwrite another's.
    @discardableResult
    public func update(_ event: Event, actor: UUID, now: Date = Date()) async throws -> Event {
        let repository = self
        let dialect = backend.dialect
        return try await backend.transaction { database in
            guard let current = try await repository.reader.event(id: event.id.text, identities: false, in: database) else {
                throw StoreError.notFound(what: "The event")
            }
            guard current.revision == event.revision else {
                throw StoreError.conflict(reason: "The event was changed by someone else since you opened it.")
            }
            var updated = event
            updated.reference = current.reference
            updated.organisationID = current.organisationID
            updated.authorID = current.authorID
            updated.status = current.status
            updated.createdAt = current.createdAt
            updated.updatedAt = now
            updated.revision = current.revision + 1
            for index in updated.people.indices where updated.people[index].code.isEmpty {
                updated.people[index].code = PseudonymousCode.make()
            }
            let fields = EventChanges.fields(from: current, to: updated)
            let identities = try await repository.writer.storedIdentities(of: event.id, in: database)
            let index = SearchIndex(dialect: dialect)
            let orderKey = EventListOrder.rekeyed(try await index.remove(eventID: event.id.text, in: database), firstDayISO: updated.date?.firstISO)
            try await repository.writer.deleteParts(of: event.id, in: database)
            try await repository.writer.updateEventRow(updated, orderKey: orderKey, in: database)
            var batch = EventRecordWriter.batch()
            try repository.writer.addParts(of: updated, keeping: identities, to: &batch)
            try repository.addHistory(
                EventHistoryEntry(revision: updated.revision, actor: actor.text, time: now, change: .edited, fields: fields),
                eventID: event.id, to: &batch)
            try await batch.write(to: database)
            try await index.insertNew([(updated.id.text, orderKey, repository.writer.searchTokens(of: updated))], in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor.text, action: .eventUpdated, target: event.id.text),
                                                in: database, dialect: dialect)
            try await EventChangeLog.stamp([event.id.text], in: database)
            return updated
        }
    }

    /// Moves an event along the verification workflow, after the workflow's own checks.
    @discardableResult
    public func transition(
        _ id: UUID, to target: VerificationStatus, reason: String, by subject: AccessPolicy.Subject, now: Date = Date()
    ) async throws -> Event {
        let repository = self
        let dialect = backend.dialect
        return try await backend.transaction { database in
            guard var event = try await repository.reader.event(id: id.text, identities: false, in: database) else {
                throw StoreError.notFound(what: "The event")
            }
            try VerificationWorkflow.check(subject, moving: event, to: target, reason: reason)
            let from = event.status
            event.status = target
            event.revision += 1
            event.updatedAt = now
            try await database.update("events").set("status", to: target.rawValue).set("revision", to: event.revision)
                .set("updated_at", to: now.epochSeconds).where("id", .equal, id.text).run()
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            try await repository.appendHistory(
                EventHistoryEntry(revision: event.revision, actor: subject.id.text, time: now, change: .status, fields: ["status"],
                                  fromStatus: from, toStatus: target, reason: trimmed.isEmpty ? nil : trimmed),
                eventID: id, in: database)
            try await AuditLogRepository.append(
                AuditEvent(actor: subject.id.text, action: .eventStatusChanged, target: "\(id.text) \(from.rawValue)→\(target.rawValue)"),
                in: database, dialect: dialect)
            try await EventChangeLog.stamp([id.text], in: database)
            return event
        }
    }

    /// Deletes a draft (a record once submitted stays, to be discredited rather than erased).
    public func deleteDraft(_ id: UUID, actor: UUID) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            guard let row = try await database.select().column("status").from("events").where("id", .equal, id.text).first() else {
                throw StoreError.notFound(what: "The event")
            }
            guard try row.text("status") == VerificationStatus.draft.rawValue else {
                throw StoreError.conflict(reason: "Only a draft can be deleted; a submitted record is discredited instead.")
            }
            try await SearchIndex(dialect: dialect).remove(eventID: id.text, in: database)
            try await database.delete(from: "events").where("id", .equal, id.text).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor.text, action: .eventDeleted, target: id.text), in: database, dialect: dialect)
            try await EventChangeLog.stamp([id.text], in: database)
        }
    }

    /// The whole record with people named only by code.
    public func find(id: UUID) async throws -> Event? {
        let reader = self.reader
        return try await backend.read { database in try await reader.event(id: id.text, identities: false, in: database) }
    }

    /// The whole record with identities opened; the reading is audited in the same transaction.
    public func findRevealingIdentities(id: UUID, viewer: String) async throws -> Event? {
        let reader = self.reader
        let dialect = backend.dialect
        return try await backend.transaction { database in
            guard let event = try await reader.event(id: id.text, identities: true, in: database) else { return nil }
            if !event.people.isEmpty {
                try await AuditLogRepository.append(AuditEvent(actor: viewer, action: .eventIdentityViewed, target: id.text),
                                                    in: database, dialect: dialect)
            }
            return event
        }
    }

    public func find(reference: String) async throws -> Event? {
        let id = try await backend.read { database in
            try await database.select().column("id").from("events").where("reference", .equal, reference).first()?.uuid("id")
        }
        guard let id else { return nil }
        return try await find(id: id)
    }

    public func history(of id: UUID) async throws -> [EventHistoryEntry] {
        let sealing = Sealing(keys: keys, table: "event_history")
        return try await backend.read { database in
            try await database.select().column("*").from("event_history").where("event_id", .equal, id.text)
                .orderBy("revision").all().map { row in
                    let reason = try row.decode(column: "reason_sealed", as: Data?.self) == nil
                        ? nil : try sealing.open(row, "reason_sealed", id: try row.text("id"))
                    return EventHistoryEntry(
                        revision: try row.int("revision"), actor: try row.text("actor"), time: try row.date("time"),
                        change: try row.enumValue("change", as: EventHistoryEntry.Change.self),
                        fields: try row.text("fields").split(separator: ",").map(String.init),
                        fromStatus: try row.optionalText("from_status").flatMap(VerificationStatus.init(rawValue:)),
                        toStatus: try row.optionalText("to_status").flatMap(VerificationStatus.init(rawValue:)), reason: reason)
                }
        }
    }

    func appendHistory(_ entry: EventHistoryEntry, eventID: UUID, in database: any SQLDatabase) async throws {
        var batch = EventRecordWriter.batch()
        try addHistory(entry, eventID: eventID, to: &batch)
        try await batch.write(to: database)
    }

    func addHistory(_ entry: EventHistoryEntry, eventID: UUID, nonces: RandomBlock? = nil, to batch: inout InsertBatch) throws {
        let id = UUIDv7.make().text
        var row = Row()
        row.set("id", id)
        row.set("event_id", eventID.text)
        row.set("revision", entry.revision)
        row.set("actor", entry.actor)
        row.set("time", entry.time.epochSeconds)
        row.set("change", entry.change.rawValue)
        row.set("fields", entry.fields.joined(separator: ","))
        row.set("from_status", entry.fromStatus?.rawValue)
        row.set("to_status", entry.toStatus?.rawValue)
        row.set("reason_sealed", try entry.reason.map { try Sealing(keys: keys, table: "event_history").seal($0, id: id, field: "reason_sealed", nonces: nonces) })
        batch.add(row, to: "event_history")
    }
}
