import Foundation
import HamkariCore
import HamkariStore
@testable import HamkariWeb
import TestSupport
import Testing

@Suite("Periodic audit checkpoints")
struct CheckpointServiceTests {
    @Test("A checkpoint is signed when the log has grown, and not otherwise", arguments: TestDatabase.all)
    func checkpointIfGrown(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let service = AuditCheckpointService(store: store, interval: .seconds(3600), logger: TestDatabase.logger)
            try await store.audit.append(AuditEvent(actor: "a", action: .userCreated, target: "u1"))
            #expect(try await service.checkpointIfGrown() == 2)
            #expect(try await service.checkpointIfGrown() == nil)
            try await store.audit.append(AuditEvent(actor: "a", action: .userCreated, target: "u2"))
            #expect(try await service.checkpointIfGrown() == 4)
            #expect(try await store.audit.verify().checkpointsChecked == 2)
        }
    }
}
