import Foundation
import HamkariSecurity
import HamkariStore
import TestSupport
import Testing

@Suite("Key directory")
struct KeyDirectoryTests {
    static let cheap = PasswordHash.Parameters(logN: 10, blockSize: 8, parallelism: 1)

    @Test("Keys unlock with the passphrase or the key file; a wrong one is refused")
    func unlock() async throws {
        try await withTemporaryDirectory { directory async throws in
            let keys = KeyDirectory(dataDirectory: directory)
            let secret = KeyFile.newSecret()
            let ring = try keys.create(passphrase: "a passphrase of several words", keyFileSecret: secret, scrypt: Self.cheap)
            #expect(try keys.unlock(.passphrase("a passphrase of several words")).keyRing.current == ring.current)
            #expect(try keys.unlock(.keyFile(secret)).keyRing.current == 1)
            #expect(throws: KeyDirectory.Failure.wrongPassphrase) { try keys.unlock(.passphrase("a passphrase of several word")) }
            #expect(throws: KeyDirectory.Failure.wrongKeyFile) { try keys.unlock(.keyFile(KeyFile.newSecret())) }
            #expect(throws: KeyDirectory.Failure.notADemo) { try keys.unlock(.demo) }
            #expect(throws: KeyDirectory.Failure.alreadyExists(path: keys.url.path)) {
                try keys.create(passphrase: "another long passphrase", keyFileSecret: nil, scrypt: Self.cheap)
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: keys.url.appendingPathComponent("envelope.json").path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test("A demo instance opens with its clear key; a rotation keeps old versions")
    func demoAndRotation() async throws {
        try await withTemporaryDirectory { directory async throws in
            let keys = KeyDirectory(dataDirectory: directory)
            try keys.create(passphrase: nil, keyFileSecret: nil, demo: true, scrypt: Self.cheap)
            #expect(keys.isDemo)
            let unlocked = try keys.unlock(.demo)
            #expect(throws: KeyDirectory.Failure.noPassphraseSet) { try keys.unlock(.passphrase("whatever it may be")) }
            let rotated = try keys.rotate(unlocked)
            #expect(rotated.current == 2)
            #expect(try keys.unlock(.demo).keyRing.versions.keys.sorted() == [1, 2])
        }
    }

    @Test("Missing, damaged or weak keys give clear errors")
    func failures() async throws {
        try await withTemporaryDirectory { directory async throws in
            let keys = KeyDirectory(dataDirectory: directory)
            #expect(throws: KeyDirectory.Failure.noKeys(path: keys.url.path)) { try keys.unlock(.passphrase("anything at all")) }
            #expect(throws: KeyDirectory.Failure.weakPassphrase) { try keys.create(passphrase: "short", keyFileSecret: nil, scrypt: Self.cheap) }
            #expect(!keys.exists)
            try keys.create(passphrase: "a passphrase of several words", keyFileSecret: nil, scrypt: Self.cheap)
            try Data("{ not json".utf8).write(to: keys.url.appendingPathComponent("envelope.json"))
            #expect(throws: KeyDirectory.Failure.damaged(path: keys.url.appendingPathComponent("envelope.json").path)) {
                try keys.unlock(.passphrase("a passphrase of several words"))
            }
        }
    }
}
