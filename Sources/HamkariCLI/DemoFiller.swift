import Foundation
import HamkariCore
import HamkariStore

/// Stores invented events and evidence in an instance, a slice at a time (memory stays flat at
/// any size), for `demo generate` and the benchmarks.
struct DemoFiller {
    let store: Store
    var words = DemoEvents.builtInWords
    var seed: UInt64 = 1405
    static let slice = 5000

    func generator() async throws -> DemoEvents {
        let organisations = try await store.organisations.all().map(\.id)
        guard !organisations.isEmpty, let author = try await store.users.accounts(role: .coordinator).first else {
            throw CommandFailure("The instance needs member organisations and a coordinator first (try `hamkari serve --demo`).")
        }
        return DemoEvents(organisations: organisations, authorID: author.id, words: words)
    }

    /// Stores the events at `range` of the seed's sequence, then `evidence` files attached to events spread over them.
    func fill(range: Range<Int>, evidence files: Int, progress: (Int) -> Void = { _ in }) async throws {
        let generator = try await generator()
        var evidenceEvents: [Int: UUID] = [:]
        let spacing = max(1, range.count / max(files, 1))
        for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.slice) {
            let slice = generator.events(in: start..<min(start + Self.slice, range.upperBound), seed: seed)
            _ = try await store.events.createAll(slice, actor: AuditEvent.commandLineActor, source: "demo generate seed \(seed)")
            for (offset, event) in slice.enumerated() {
                let position = start + offset - range.lowerBound
                if position % spacing == 0, position / spacing < files { evidenceEvents[position / spacing] = event.id }
            }
            progress(start + slice.count - range.lowerBound)
        }
        let maker = DemoEvidence(words: words)
        for index in evidenceEvents.keys.sorted() {
            guard let eventID = evidenceEvents[index] else { continue }
            let file = maker.file(index, seed: seed)
            var upload = try await store.evidence.begin(eventID: eventID, filename: file.filename, mediaType: file.mediaType,
                                                        actor: AuditEvent.commandLineActor)
            try await store.evidence.append(file.bytes, to: &upload, limit: .max)
            _ = try await store.evidence.finish(upload, workingCopy: false)
        }
    }

    /// What a new demonstration instance starts with beside its members: a few hundred events and
    /// the network's own work (meetings, action points, an announcement, a referral, a service issue).
    func firstStart(events: Int = 300) async throws {
        try await fill(range: 0..<events, evidence: 3)
        let stored = try await store.organisations.all()
        let members = DemoNetwork.organisations.compactMap { demo in stored.first { $0.names.english == demo.names.english }?.id }
        guard let author = try await store.users.accounts(role: .coordinator).first, !members.isEmpty else { return }
        let work = DemoCoordination(members: members, authorID: author.id, now: Date())
        let actor = AuditEvent.commandLineActor
        for meeting in work.meetings { try await store.meetings.create(meeting, actor: actor) }
        for point in work.actionPoints { try await store.meetings.addActionPoint(point, actor: actor) }
        try await store.announcements.publish(work.announcement, deliver: false, actor: actor)
        try await store.referrals.create(work.referral, actor: actor)
        try await store.serviceIssues.create(work.serviceIssue, actor: actor)
    }
}
