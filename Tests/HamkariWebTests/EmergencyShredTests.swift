import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Counts calls from the server's shred hook.
actor Stopped {
    var count = 0
    func record() { count += 1 }
}

@Suite("Destroying the keys from the web")
struct EmergencyShredTests {
    @Test("Two coordinators: one asks, another confirms; then the key files are gone and the server stops; audited",
          arguments: TestDatabase.all)
    func twoCoordinators(database: TestDatabase) async throws {
        try await withTemporaryDirectory { directory async throws in
            let keys = directory.appendingPathComponent("keys")
            try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
            let envelope = keys.appendingPathComponent("envelope.json")
            try Data("{\"wrapped\": \"root key\"}".utf8).write(to: envelope)
            let stopped = Stopped()
            try await withTestApplication(database, configure: { configuration in
                configuration.keyEnvelope = envelope
                configuration.afterShred = { Task { await stopped.record() } }
            }) { client, session async throws in
                let second = try await session.signIn(as: .coordinator)
                let documenter = try await session.signIn(as: .documenter)
                #expect(try await client.post("/admin/security/shred", session: session.pages, csrf: session.csrf, fields: ["confirm": "yes"]).status == .badRequest)
                #expect(try await client.post("/admin/security/shred/confirm", session: second.pages, csrf: second.csrf,
                                              fields: ["confirm": "SHRED"]).status == .conflict, "nobody asked yet")
                #expect(try await client.post("/admin/security/shred", session: session.pages, csrf: session.csrf, fields: ["confirm": "SHRED"]).status == .ok)
                #expect(try await client.post("/admin/security/shred/confirm", session: session.pages, csrf: session.csrf,
                                              fields: ["confirm": "SHRED"]).status == .conflict, "the one who asked cannot confirm")
                #expect(try await client.post("/admin/security/shred/confirm", session: documenter.pages, csrf: documenter.csrf,
                                              fields: ["confirm": "SHRED"]).status == .forbidden)
                #expect(FileManager.default.fileExists(atPath: envelope.path))
                let done = try await client.post("/admin/security/shred/confirm", session: second.pages, csrf: second.csrf, fields: ["confirm": "SHRED"])
                #expect(done.status == .ok)
                #expect(done.body.text.contains("The keys are destroyed."))
                #expect(!FileManager.default.fileExists(atPath: envelope.path))
                for _ in 0..<20 where await stopped.count == 0 { try await Task.sleep(for: .milliseconds(100)) }
                #expect(await stopped.count >= 1, "the server stops (the key watch may notice too)")
                let actions = try await session.store.audit.recent(limit: 10).map(\.action)
                #expect(actions.contains(AuditAction.keysShredRequested.rawValue))
                #expect(actions.contains(AuditAction.keysShredded.rawValue))
            }
        }
    }

    @Test("Without keys in a reachable data directory the web action says to use the command line")
    func unavailable() async throws {
        try await withTestApplication(.sqlite) { client, session async throws in
            let response = try await client.post("/admin/security/shred", session: session.pages, csrf: session.csrf, fields: ["confirm": "SHRED"])
            #expect(response.status == .serviceUnavailable)
            #expect(response.body.text.contains("hamkari key shred"))
        }
    }
}
