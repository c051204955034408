import Foundation
@testable import HamkariCLI
import HamkariCore
import HamkariSecurity
import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Command line: keys, accounts and the audit log", .serialized)
struct SecurityCommandTests {
    static let organisation = Organisation(names: LocalizedNames(english: "Kunduz Legal Aid"), kind: .lawyersAssociation,
                                           provincePcode: "AF19", districtPcode: "AF1901")

    /// An initialised instance with one member organisation.
    static func withInstance(_ database: TestDatabase, _ work: (CLIInstance) async throws -> Void) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            try await instance.withStore { try await $0.organisations.create(Self.organisation) }
            try await work(instance)
        }
    }

    @Test("user create, disable and reset-password; each audited; identity sealed", arguments: TestDatabase.all)
    func users(database: TestDatabase) async throws {
        try await Self.withInstance(database) { instance async throws in
            try await runHamkari(["user", "create", "--organisation", "kunduz legal aid", "--login", "nasrin.k", "--role", "protection_officer",
                                  "--display-name", "Nasrin Karimi", "--contact", "signal:+93700111222"] + instance.unlocked)
            await #expect(throws: StoreError.conflict(reason: "The login nasrin.k is taken.")) {
                try await runHamkari(["user", "create", "--organisation", Self.organisation.id.uuidString, "--login", "nasrin.k",
                                      "--role", "analyst"] + instance.unlocked)
            }
            await #expect(throws: (any Error).self) {
                try await runHamkari(["user", "create", "--organisation", "Nowhere", "--login", "x.y.z", "--role", "analyst"] + instance.unlocked)
            }
            let firstHash = try await instance.withStore { try await $0.users.passwordHash(login: "nasrin.k") }
            try await runHamkari(["user", "reset-password", "--login", "nasrin.k"] + instance.unlocked)
            try await runHamkari(["user", "disable", "--login", "nasrin.k"] + instance.unlocked)
            await #expect(throws: StoreError.notFound(what: "The account nobody")) {
                try await runHamkari(["user", "disable", "--login", "nobody"] + instance.unlocked)
            }
            try await instance.withStore { store async throws in
                let user = try #require(try await store.users.find(login: "nasrin.k"))
                #expect(user.role == .protectionOfficer)
                #expect(user.status == .disabled)
                #expect(try await store.users.passwordHash(login: "nasrin.k") != firstHash)
                let actions = try await store.audit.recent(limit: 10).map(\.action)
                #expect(actions.prefix(3) == ["user.disable", "user.reset-password", "user.create"])
                #expect(try await store.users.identity(of: user.id, viewer: "test")?.displayName == "Nasrin Karimi")
            }
        }
    }

    @Test("A wrong passphrase or key file does not unlock; nothing is changed", arguments: TestDatabase.all)
    func wrongSecrets(database: TestDatabase) async throws {
        try await Self.withInstance(database) { instance async throws in
            let wrong = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("wrong.txt")
            try Data("not the passphrase at all".utf8).write(to: wrong)
            await #expect(throws: KeyDirectory.Failure.wrongPassphrase) {
                try await runHamkari(["user", "create", "--organisation", "Kunduz Legal Aid", "--login", "intruder", "--role", "coordinator",
                                      "--passphrase-file", wrong.path] + instance.target)
            }
            let keyFile = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("stolen.key")
            try Data(KeyFile.removable.encode(KeyFile.newSecret()).utf8).write(to: keyFile)
            await #expect(throws: KeyDirectory.Failure.noKeyFileSet) {
                try await runHamkari(["audit", "checkpoint", "--key-file", keyFile.path] + instance.target)
            }
            #expect(try await instance.withStore { try await $0.users.find(login: "intruder") } == nil)
        }
    }

    @Test("init with a key file: the key file alone unlocks", arguments: TestDatabase.all)
    func keyFileInit(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            let keyFile = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("usb.key")
            try await runHamkari(["init", "--key-file", keyFile.path] + instance.unlocked)
            try await runHamkari(["audit", "checkpoint", "--key-file", keyFile.path] + instance.target)
            try await runHamkari(["audit", "verify", "--key-file", keyFile.path] + instance.target)
            await #expect(throws: (any Error).self) {
                try await runHamkari(["init", "--key-file", keyFile.path, "--data-dir", keyFile.path + ".other"] + ["--passphrase-file", instance.passphraseFile.path])
            }
        }
    }

    @Test("key rotate and reseal move sealed values to the new version", arguments: TestDatabase.all)
    func rotation(database: TestDatabase) async throws {
        try await Self.withInstance(database) { instance async throws in
            try await runHamkari(["user", "create", "--organisation", "Kunduz Legal Aid", "--login", "amin.r", "--role", "documenter",
                                  "--display-name", "Amin R."] + instance.unlocked)
            try await runHamkari(["key", "rotate"] + instance.unlocked)
            try await runHamkari(["key", "reseal"] + instance.unlocked)
            try await instance.withStore { store async throws in
                #expect(store.keys.keyRing.current == 2)
                let sealed = try await store.backend.read { db async throws in
                    try await db.select().column("login_sealed").from("users").first()?.decode(column: "login_sealed", as: Data.self)
                }
                #expect(FieldSealer.keyVersion(of: try #require(sealed)) == 2)
                #expect(try await store.users.find(login: "amin.r") != nil)
                let actions = try await store.audit.recent(limit: 2).map(\.action)
                #expect(actions == ["keys.reseal", "keys.rotate"])
            }
        }
    }

    @Test("audit verify passes on an intact log and names a tampered entry, also against an exported checkpoint", arguments: TestDatabase.all)
    func auditVerify(database: TestDatabase) async throws {
        try await Self.withInstance(database) { instance async throws in
            try await runHamkari(["user", "create", "--organisation", "Kunduz Legal Aid", "--login", "sara.h", "--role", "reviewer"] + instance.unlocked)
            let exported = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("checkpoint.json")
            try await runHamkari(["audit", "checkpoint", "--out", exported.path] + instance.unlocked)
            try await runHamkari(["audit", "verify", "--checkpoint", exported.path] + instance.unlocked)
            try await instance.withStore { store async throws in
                try await store.backend.transaction { db async throws in
                    try await db.raw("UPDATE audit_log SET target = 'someone' WHERE sequence = 2").run()
                }
            }
            do {
                try await runHamkari(["audit", "verify", "--checkpoint", exported.path] + instance.unlocked)
                Issue.record("verify should have failed")
            } catch let error as AuditVerifyCommand.Tampered {
                #expect(error.problems.contains("entry 2 was changed after it was written"))
                #expect(error.description.contains("entry 2"))
            }
            try Data("{}".utf8).write(to: exported)
            await #expect(throws: (any Error).self) { try await runHamkari(["audit", "verify", "--checkpoint", exported.path] + instance.unlocked) }
        }
    }
}

@Suite("Command line: API tokens", .serialized)
struct TokenCommandTests {
    @Test("token create makes a working token; token revoke ends it; bad lifetimes are refused", arguments: TestDatabase.all)
    func tokens(database: TestDatabase) async throws {
        try await SecurityCommandTests.withInstance(database) { instance async throws in
            try await runHamkari(["user", "create", "--organisation", "Kunduz Legal Aid", "--login", "api.reader", "--role", "analyst"] + instance.unlocked)
            try await runHamkari(["token", "create", "--user", "api.reader", "--expires", "30d"] + instance.unlocked)
            let (tokenID, count) = try await instance.withStore { store async throws in
                let row = try await store.backend.read { db async throws in
                    try await db.raw("SELECT id, expires_at FROM api_tokens").all()
                }
                #expect(row.count == 1)
                let expires = try row[0].decode(column: "expires_at", as: Int64?.self) ?? 0
                #expect(abs(Double(expires) - Date().addingTimeInterval(30 * 86_400).timeIntervalSince1970) < 120)
                return (try row[0].decode(column: "id", as: String.self), row.count)
            }
            #expect(count == 1)
            try await runHamkari(["token", "revoke", tokenID] + instance.unlocked)
            let revoked = try await instance.withStore { store async throws in
                try await store.backend.read { db async throws in
                    try await db.raw("SELECT revoked_at FROM api_tokens").first()?.decode(column: "revoked_at", as: Int64?.self)
                }
            }
            #expect(revoked != nil)
            await #expect(throws: (any Error).self) { try await runHamkari(["token", "revoke", UUID().uuidString] + instance.unlocked) }
            await #expect(throws: (any Error).self) { try await runHamkari(["token", "create", "--user", "nobody"] + instance.unlocked) }
        }
        #expect(throws: (any Error).self) { _ = try HamkariCommand.parseAsRoot(["token", "create", "--user", "x", "--expires", "forever"]) }
    }
}
