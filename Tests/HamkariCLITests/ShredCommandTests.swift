import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariCore
import HamkariSecurity
import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Command line: escrow, crypto-shred and recovery", .serialized)
struct ShredCommandTests {
    @Test("After a shred nothing sealed opens but counts still work; recovery from escrow brings it all back byte for byte",
          arguments: TestDatabase.all)
    func shredAndRecover(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            let (event, evidence, subject) = try await instance.withStore { store async throws in
                let organisation = Organisation(names: LocalizedNames(english: "Taloqan Monitors"), kind: .ngo)
                try await store.organisations.create(organisation)
                let author = UserAccount(organisationID: organisation.id, login: "monitor.shred", role: .documenter)
                try await store.users.create(author, passwordHash: nil, actor: "test")
                let event = try await store.events.create(SampleEvents.detention(organisationID: organisation.id, authorID: author.id),
                                                          actor: author.id)
                var upload = try await store.evidence.begin(eventID: event.id, filename: "scene.jpg", mediaType: "image/jpeg", actor: "t")
                try await store.evidence.append(Data((0..<5000).map { UInt8(truncatingIfNeeded: $0) }), to: &upload, limit: 1 << 20)
                let file = try await store.evidence.finish(upload, workingCopy: false)
                return (event, file, AccessPolicy.Subject(author))
            }
            func sealedBytes() async throws -> [Data] {
                try await instance.withStore { store async throws in
                    try await store.backend.read { database in
                        try await database.raw("SELECT content_sealed FROM events ORDER BY id").all().map { try $0.decode(column: "content_sealed", as: Data.self) }
                            + database.raw("SELECT identity_sealed FROM event_people ORDER BY id").all().map { try $0.decode(column: "identity_sealed", as: Data.self) }
                    }
                }
            }
            let before = try await sealedBytes()
            try await withTemporaryDirectory { directory async throws in
                let holder = directory.appendingPathComponent("abroad").path
                let copy = directory.appendingPathComponent("escrow-copy.json").path
                try await runHamkari(["key", "escrow", "keygen", "--out", holder])
                try await runHamkari(["key", "escrow", "add", holder + ".pub", "--out", copy] + instance.unlocked)
                await #expect(throws: CommandFailure.self, "anything but SHRED typed destroys nothing") {
                    try await Console.$answer.withValue({ "shred it" }) { try await runHamkari(["key", "shred"] + instance.target) }
                }
                try await runHamkari(["key", "shred", "--yes"] + instance.target)
                #expect((try? FileManager.default.contentsOfDirectory(atPath: instance.dataDirectory.appendingPathComponent("keys").path))?.isEmpty ?? true)
                await #expect(throws: (any Error).self) { try await instance.withStore { _ in } }

                // Without keys: plain facets still count, sealed values do not open.
                let location = instance.location
                try await Store.open(location, keys: .generate(), create: false, logger: TestDatabase.logger).closing { store async throws in
                    let counts = try await store.events.counts(by: .province, EventQuery(), visibility: EventVisibility(subject))
                    #expect(counts.map(\.key) == ["AF18"])
                    await #expect(throws: FieldSealer.Failure.authenticationFailed) { try await store.events.find(id: event.id) }
                    await #expect(throws: FieldSealer.Failure.authenticationFailed) { try await store.evidence.read(evidence.id, variant: .original) }
                }

                let stranger = directory.appendingPathComponent("stranger").path
                try await runHamkari(["key", "escrow", "keygen", "--out", stranger])
                await #expect(throws: CommandFailure.self) {
                    try await runHamkari(["key", "recover", "--escrow-identity", stranger + ".identity", "--escrow-copy", copy,
                                          "--passphrase-file", instance.passphraseFile.path] + instance.target)
                }
                try await runHamkari(["key", "recover", "--escrow-identity", holder + ".identity", "--escrow-copy", copy,
                                      "--passphrase-file", instance.passphraseFile.path] + instance.target)
            }
            #expect(try await sealedBytes() == before)
            try await instance.withStore { store async throws in
                let revealed = try #require(try await store.events.findRevealingIdentities(id: event.id, viewer: "t"))
                #expect(revealed.people[0].identity?.name == SampleEvents.victimName)
                #expect(try await store.evidence.read(evidence.id, variant: .original) == Data((0..<5000).map { UInt8(truncatingIfNeeded: $0) }))
                let actions = try await store.audit.recent(limit: 10).map(\.action)
                for action in [AuditAction.keysEscrowed, .keysShredded, .keysRecovered] {
                    #expect(actions.contains(action.rawValue), "\(action) audited")
                }
                #expect(try await store.audit.verify().isIntact)
            }
        }
    }
}
