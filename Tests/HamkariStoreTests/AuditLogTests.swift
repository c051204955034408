import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Tamper-evident audit log")
struct AuditLogTests {
    /// A log of six entries with a signed checkpoint over all of them.
    static func prepare(_ store: Store) async throws {
        for index in 1...5 {
            try await store.audit.append(AuditEvent(actor: "user-\(index)", action: .identityViewed, target: "person-\(index)"))
        }
        _ = try await store.audit.checkpoint(actor: "test")
    }

    static func problems(_ store: Store) async throws -> [String] {
        try await store.audit.verify().problems
    }

    static func execute(_ store: Store, _ sql: SQLQueryString) async throws {
        try await store.backend.transaction { db async throws in try await db.raw(sql).run() }
    }

    @Test("An untouched log verifies, with its signed checkpoint", arguments: TestDatabase.all)
    func intact(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await Self.prepare(store)
            let report = try await store.audit.verify()
            #expect(report.isIntact, "\(report.problems)")
            #expect(report.entryCount == 6)
            #expect(report.checkpointsChecked == 1)
            try await store.audit.append(AuditEvent(actor: "later", action: .userCreated, target: "u"))
            #expect(try await Self.problems(store).isEmpty, "appending after a checkpoint is allowed")
        }
    }

    @Test("A changed entry is named", arguments: TestDatabase.all)
    func changed(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await Self.prepare(store)
            try await Self.execute(store, "UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 3")
            let problems = try await Self.problems(store)
            #expect(problems.contains("entry 3 was changed after it was written"))
            #expect(problems.contains { $0.contains("no longer match their signed checkpoint") })
        }
    }

    @Test("A deleted entry is named", arguments: TestDatabase.all)
    func deleted(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await Self.prepare(store)
            try await Self.execute(store, "DELETE FROM audit_log WHERE sequence = 2")
            #expect(try await Self.problems(store).contains("entry 2 is missing (deleted)"))
        }
    }

    @Test("Reordered entries are named", arguments: TestDatabase.all)
    func reordered(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await Self.prepare(store)
            try await Self.execute(store, "UPDATE audit_log SET sequence = sequence + 100 WHERE sequence IN (2, 4)")
            try await Self.execute(store, "UPDATE audit_log SET sequence = 4 WHERE sequence = 102")
            try await Self.execute(store, "UPDATE audit_log SET sequence = 2 WHERE sequence = 104")
            let problems = try await Self.problems(store)
            #expect(problems.contains("entry 2 was changed after it was written"))
            #expect(problems.contains("entry 4 was changed after it was written"))
        }
    }

    @Test("An entry inserted in the middle is named", arguments: TestDatabase.all)
    func inserted(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await Self.prepare(store)
            try await Self.execute(store, "UPDATE audit_log SET sequence = sequence + 1000 WHERE sequence >= 3")
            try await Self.execute(store, "UPDATE audit_log SET sequence = sequence - 999 WHERE sequence >= 1003")
            let forged = AuditEntry(sequence: 3, time: 0, actor: "forger", action: "user.create", target: "x", outcome: "ok")
            try await store.backend.transaction { db async throws in
                try await db.insert(into: "audit_log").columns("sequence", "time", "actor", "action", "target", "outcome", "leaf_hash")
                    .values(SQLBind(forged.sequence), SQLBind(forged.time), SQLBind(forged.actor), SQLBind(forged.action),
                            SQLBind(forged.target), SQLBind(forged.outcome), SQLBind(forged.leafHash)).run()
            }
            let problems = try await Self.problems(store)
            #expect(problems.contains("entry 4 was changed after it was written"), "\(problems)")
            #expect(problems.contains { $0.contains("no longer match their signed checkpoint") })
        }
    }

    @Test("A rewrite that recomputes the leaf hash still breaks the signed checkpoint", arguments: TestDatabase.all)
    func carefulRewrite(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await Self.prepare(store)
            let rows = try await store.audit.recent(limit: 10)
            var entry = try #require(rows.first { $0.sequence == 2 })
            entry.actor = "innocent"
            try await Self.execute(store, "UPDATE audit_log SET actor = 'innocent', leaf_hash = \(bind: entry.leafHash) WHERE sequence = 2")
            let problems = try await Self.problems(store)
            #expect(problems == ["the first 6 entries no longer match their signed checkpoint: an entry at or before 6 was rewritten"])
        }
    }

    @Test("A truncated log is named", arguments: TestDatabase.all)
    func truncated(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await Self.prepare(store)
            try await Self.execute(store, "DELETE FROM audit_log WHERE sequence >= 5")
            #expect(try await Self.problems(store).contains("the log was truncated: a checkpoint covers 6 entries, only 4 remain"))
        }
    }

    @Test("A checkpoint signed by another key is refused")
    func foreignCheckpoint() async throws {
        try await TestDatabase.sqlite.withStore { store async throws in
            try await Self.prepare(store)
            let report = try await store.audit.verify(trustedKey: InstanceKeys.generate().auditSigningKey.publicKey.rawRepresentation)
            #expect(report.problems == ["the checkpoint of 6 entries is not signed by the expected key"])
        }
    }

    @Test("Concurrent appends get distinct, gap-free sequence numbers", arguments: TestDatabase.all)
    func concurrentAppends(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { try await store.audit.append(AuditEvent(actor: "a\(index)", action: .userCreated, target: "t")) }
                }
                try await group.waitForAll()
            }
            let report = try await store.audit.verify()
            #expect(report.isIntact, "\(report.problems)")
            #expect(report.entryCount == 20)
        }
    }
}
