import Foundation
import HamkariCore

/// The facts of every event (`EventFacts`), held in this process's memory for the dashboard and
/// brought up to date from the change log (`EventChangeLog`) each time they are asked for: so a
/// count includes every change committed before it was asked, by this process or any other (a
/// CLI import, a second server on PostgreSQL). Read in full the first time (a few seconds at
/// 100,000 events), then only the events changed since.
public actor EventFactsCache {
    private let backend: any DatabaseBackend
    private var facts: [EventFacts] = []
    private var positions: [UUID: Int] = [:]
    private var keys = FactKeys()
    /// The last change the facts include; nil until they are first read.
    private var seen: Int64?
    /// Callers numbered as they ask, and the highest number a finished refresh started after.
    private var asked = 0
    private var covered = 0
    private var running: Task<Void, any Error>?

    public init(backend: any DatabaseBackend) {
        self.backend = backend
    }

    /// Every event's facts, including every change committed before the call.
    public func snapshot() async throws -> EventFactsSnapshot {
        asked += 1
        let mine = asked
        while covered < mine {
            if let running {
                try await running.value
            } else {
                let startedAfter = asked
                let task = Task { try await self.refresh(coveringUpTo: startedAfter) }
                running = task
                try await task.value
            }
        }
        return EventFactsSnapshot(facts: facts, keys: keys)
    }

    private func refresh(coveringUpTo number: Int) async throws {
        defer { running = nil }
        let loader = EventFactsLoader(backend: backend)
        // The change number is read before the rows: a change committed in between is in the rows
        // and is read again next time, which is harmless.
        let latest = try await backend.read { try await EventChangeLog.latest(in: $0) }
        // A change number lower than the one seen means the database is not the one read (a backup
        // restored under a running server, say): everything is read again.
        if let seen, latest >= seen {
            if latest != seen {
                let ids = try await backend.read { try await EventChangeLog.changed(after: seen, in: $0) }
                let loaded = try await loader.load(.ids(ids))
                for event in loaded { put(event.facts(&keys)) }
                let present = Set(loaded.map(\.id))
                for id in ids.compactMap(UUID.init(uuidString:)) where !present.contains(id) { remove(id) }
            }
        } else {
            var keys = FactKeys()
            facts = try await loader.loadAll(keys: &keys)
            self.keys = keys
            positions = Dictionary(uniqueKeysWithValues: facts.enumerated().map { ($0.element.id, $0.offset) })
        }
        seen = latest
        covered = max(covered, number)
    }

    private func put(_ event: EventFacts) {
        if let position = positions[event.id] {
            facts[position] = event
        } else {
            positions[event.id] = facts.count
            facts.append(event)
        }
    }

    private func remove(_ id: UUID) {
        guard let position = positions.removeValue(forKey: id) else { return }
        let last = facts.removeLast()
        if position < facts.count {
            facts[position] = last
            positions[last.id] = position
        }
    }
}
