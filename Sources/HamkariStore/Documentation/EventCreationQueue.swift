import HamkariCore

/// New events saved while another save is being written wait here, and are then written together:
/// one transaction, one multi-row statement per table, one commit (one `fsync`) for all of them.
/// Each save is still answered only after the transaction holding it has committed, and a batch
/// that fails is written again one event at a time, so that each save gets its own outcome.
actor EventCreationQueue {
    struct Request: Sendable {
        var event: Event
        var actor: String
    }

    /// Saves waiting for the next transaction (at most this many go in one).
    private var waiting: [(request: Request, reply: CheckedContinuation<Event, any Error>)] = []
    private var writing = false
    static let batchLimit = 64

    func create(_ request: Request, writing batch: @escaping @Sendable ([Request]) async -> [Result<Event, any Error>]) async throws -> Event {
        try await withCheckedThrowingContinuation { reply in
            waiting.append((request, reply))
            if !writing {
                writing = true
                Task { await self.drain(batch) }
            }
        }
    }

    private func drain(_ write: @Sendable ([Request]) async -> [Result<Event, any Error>]) async {
        while !waiting.isEmpty {
            let taken = Array(waiting.prefix(Self.batchLimit))
            waiting.removeFirst(taken.count)
            let results = await write(taken.map(\.request))
            for (item, result) in zip(taken, results) { item.reply.resume(with: result) }
        }
        writing = false
    }
}
