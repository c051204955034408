import Crypto
import Foundation
@testable import HamkariSecurity
import Testing

@Suite("Key ring and sealed fields")
struct SealingTests {
    static let context = SealContext(table: "people", recordID: "0192-aaaa", field: "name")

    @Test("A sealed value opens with its key and context, and holds no plaintext")
    func roundTrip() throws {
        let sealer = FieldSealer(keyRing: .generate())
        let sealed = try sealer.seal("فاطمه احمدی", context: Self.context)
        #expect(try sealer.openText(sealed, context: Self.context) == "فاطمه احمدی")
        #expect(sealed.range(of: Data("فاطمه".utf8)) == nil)
        #expect(try sealer.seal("فاطمه احمدی", context: Self.context) != sealed, "a fresh nonce every time")
    }

    @Test("A sealed value read as a slice of a larger buffer opens, and its key version is read, as the value alone")
    func opensFromASlice() throws {
        let sealer = FieldSealer(keyRing: KeyRing.generate().rotated())
        let sealed = try sealer.seal("خانه ۱۲، کوچه ۳", context: Self.context)
        let buffer = Data("prefix".utf8) + sealed + Data("suffix".utf8)
        let slice = buffer[6..<(6 + sealed.count)]
        #expect(slice.startIndex == 6)
        #expect(try sealer.openText(slice, context: Self.context) == "خانه ۱۲، کوچه ۳")
        #expect(FieldSealer.keyVersion(of: slice) == 2)
        #expect(throws: FieldSealer.Failure.truncated) { try sealer.open(slice.prefix(20), context: Self.context) }
        #expect(throws: FieldSealer.Failure.authenticationFailed) { try sealer.open(slice.dropLast(), context: Self.context) }
        #expect(sealed.count == FieldSealer.minimumLength + "خانه ۱۲، کوچه ۳".utf8.count, "format, version, nonce, ciphertext and tag, nothing more")
    }

    @Test("Wrong key, flipped bit, truncation and another record's context all fail with a typed error")
    func failures() throws {
        let sealer = FieldSealer(keyRing: .generate())
        let sealed = try sealer.seal("+93 700 000 000", context: Self.context)
        #expect(throws: FieldSealer.Failure.authenticationFailed) {
            try FieldSealer(keyRing: .generate()).open(sealed, context: Self.context)
        }
        for index in [5, 20, sealed.count - 1] {
            var flipped = sealed
            flipped[index] ^= 0x01
            #expect(throws: FieldSealer.Failure.authenticationFailed) { try sealer.open(flipped, context: Self.context) }
        }
        #expect(throws: FieldSealer.Failure.truncated) { try sealer.open(sealed.prefix(20), context: Self.context) }
        #expect(throws: FieldSealer.Failure.authenticationFailed) { try sealer.open(sealed.dropLast(), context: Self.context) }
        for other in [SealContext(table: "people", recordID: "0192-bbbb", field: "name"),
                      SealContext(table: "people", recordID: "0192-aaaa", field: "contact"),
                      SealContext(table: "users", recordID: "0192-aaaa", field: "name")] {
            #expect(throws: FieldSealer.Failure.authenticationFailed) { try sealer.open(sealed, context: other) }
        }
        var otherFormat = sealed
        otherFormat[0] = 9
        #expect(throws: FieldSealer.Failure.unsupportedFormat(9)) { try sealer.open(otherFormat, context: Self.context) }
    }

    @Test("After a rotation new values use the new version and old ones still open")
    func rotation() throws {
        let original = KeyRing.generate()
        let old = try FieldSealer(keyRing: original).seal("old", context: Self.context)
        let rotated = original.rotated()
        #expect(rotated.current == 2)
        let sealer = FieldSealer(keyRing: rotated)
        let new = try sealer.seal("new", context: Self.context)
        #expect(FieldSealer.keyVersion(of: old) == 1)
        #expect(FieldSealer.keyVersion(of: new) == 2)
        #expect(try sealer.openText(old, context: Self.context) == "old")
        #expect(throws: FieldSealer.Failure.unknownKeyVersion(2)) { try FieldSealer(keyRing: original).open(new, context: Self.context) }
    }

    @Test("Subkeys differ by purpose and by version")
    func subkeys() throws {
        let ring = KeyRing.generate().rotated()
        let keys = try KeyPurpose.allCases.flatMap { purpose in
            try [1, 2].map { try ring.subkey(purpose, version: $0).withUnsafeBytes { Data($0) } }
        }
        #expect(Set(keys).count == keys.count)
        #expect(throws: KeyRing.Failure.unknownVersion(3)) { try ring.subkey(.sealedFields, version: 3) }
    }
}

@Suite("Key envelope")
struct KeyEnvelopeTests {
    static let cheap = PasswordHash.Parameters(logN: 10, blockSize: 8, parallelism: 1)

    @Test("The passphrase and the key file each unlock the same ring; wrong ones are refused")
    func unlock() throws {
        let ring = KeyRing.generate().rotated()
        let keyFileSecret = SymmetricKey(size: .bits256)
        let (envelope, rootKey) = try KeyEnvelope.create(
            keyRing: ring, passphrase: "کوه بابا در برف", keyFileSecret: keyFileSecret, scrypt: Self.cheap)
        let sealed = try FieldSealer(keyRing: ring).seal("secret", context: SealingTests.context)
        for unlocked in [try envelope.unlock(passphrase: "کوه بابا در برف").keyRing,
                         try envelope.unlock(keyFileSecret: keyFileSecret).keyRing,
                         try envelope.keyRing(rootKey: rootKey)] {
            #expect(unlocked.current == 2)
            #expect(try FieldSealer(keyRing: unlocked).openText(sealed, context: SealingTests.context) == "secret")
        }
        #expect(throws: KeyEnvelope.Failure.wrongPassphrase) { try envelope.unlock(passphrase: "کوه بابا در برف ") }
        #expect(throws: KeyEnvelope.Failure.wrongKeyFile) { try envelope.unlock(keyFileSecret: SymmetricKey(size: .bits256)) }
    }

    @Test("An envelope survives JSON, holds neither key in the clear, and refuses short passphrases")
    func storage() throws {
        let (envelope, rootKey) = try KeyEnvelope.create(
            keyRing: .generate(), passphrase: "a long enough passphrase", keyFileSecret: nil, scrypt: Self.cheap)
        let json = try JSONEncoder().encode(envelope)
        let decoded = try JSONDecoder().decode(KeyEnvelope.self, from: json)
        #expect(decoded == envelope)
        let rootBytes = rootKey.withUnsafeBytes { Data($0) }
        #expect(json.range(of: rootBytes) == nil)
        #expect(!String(decoding: json, as: UTF8.self).contains(rootBytes.base64EncodedString()))
        #expect(throws: KeyEnvelope.Failure.noKeyFileWrap) { try decoded.unlock(keyFileSecret: SymmetricKey(size: .bits256)) }
        #expect(throws: KeyEnvelope.Failure.weakPassphrase) {
            try KeyEnvelope.create(keyRing: .generate(), passphrase: "short", keyFileSecret: nil, scrypt: Self.cheap)
        }
    }

    @Test("Key files round-trip and foreign text is refused")
    func keyFiles() throws {
        let key = SymmetricKey(size: .bits256)
        let text = KeyFile.removable.encode(key)
        #expect(try KeyFile.removable.decode(text) == key)
        #expect(throws: KeyFile.Failure.notAKeyFile) { try KeyFile.demoRootKey.decode(text) }
        #expect(throws: KeyFile.Failure.notAKeyFile) { try KeyFile.removable.decode("hello") }
    }
}

@Suite("Hostile key material is refused, never a crash")
struct HostileKeyMaterialTests {
    @Test("A key envelope asking for an absurd scrypt block size is refused as damaged (its memory bound would overflow)")
    func absurdScryptParameters() throws {
        let wrap = KeyEnvelope.Wrap(kind: .passphrase, logN: 17, blockSize: 1 << 60, parallelism: 1, salt: Data(count: 16), sealedRootKey: Data(count: 60))
        let envelope = KeyEnvelope(wraps: [wrap], versions: [])
        #expect(throws: KeyEnvelope.Failure.damaged) { try envelope.unlock(passphrase: "a long enough passphrase") }
        #expect(!PasswordHash.Parameters(logN: 17, blockSize: 8, parallelism: 1 << 40).isWithinLimits)
        #expect(PasswordHash.Parameters.interactive.isWithinLimits)
    }

    @Test("A key ring listing a version twice is refused")
    func duplicateVersions() {
        let key = SymmetricKey(size: .bits256)
        #expect(throws: KeyRing.Failure.duplicateVersion) {
            try KeyRing(versions: [KeyRing.Version(number: 1, secret: key), KeyRing.Version(number: 1, secret: key)])
        }
    }
}

@Suite("Nonces and id bits drawn a block at a time")
struct RandomBlockTests {
    static let context = SealContext(table: "event_acts", recordID: "0192-cccc", field: "notes_sealed")

    static func nonceBytes(_ nonce: AES.GCM.Nonce) -> [UInt8] { nonce.withUnsafeBytes { Array($0) } }

    @Test("No nonce repeats across refills, from a second source, or from a copy of the first")
    func neverRepeats() {
        let source = RandomBlock(bytes: 48)
        let other = RandomBlock(bytes: 48)
        let copy = source
        var seen = Set<[UInt8]>()
        for _ in 0..<1_000 {
            for nonce in [source.nonce(), other.nonce(), copy.nonce()] {
                #expect(nonce.withUnsafeBytes(\.count) == 12)
                #expect(seen.insert(Self.nonceBytes(nonce)).inserted)
            }
        }
        #expect(seen.count == 3_000)
    }

    @Test("Values sealed with a source open like any other, each with its own nonce, in the same layout")
    func sealsAndOpens() throws {
        let sealer = FieldSealer(keyRing: .generate())
        let source = RandomBlock(bytes: 36)
        let texts = (0..<20).map { "یادداشت \($0)" } + [""]
        let sealed = try texts.map { try sealer.seal($0, context: Self.context, nonces: source) }
        for (text, value) in zip(texts, sealed) {
            #expect(try sealer.openText(value, context: Self.context) == text)
            #expect(value.count == (try sealer.seal(text, context: Self.context)).count)
        }
        #expect(Set(sealed.map { Array($0[5..<17]) }).count == sealed.count)
    }

    @Test("The bound context is byte for byte what values sealed before were bound to")
    func associatedDataUnchanged() {
        let context = SealContext(table: "event_people", recordID: "0192-dddd", field: "identity_sealed")
        #expect(context.associatedData(version: 12) == Array("hamkari-sealed-v1\u{1F}event_people\u{1F}0192-dddd\u{1F}identity_sealed\u{1F}12".utf8))
        let dari = SealContext(table: "جدول", recordID: "", field: "نام")
        #expect(dari.associatedData(version: 1) == Array("hamkari-sealed-v1\u{1F}جدول\u{1F}\u{1F}نام\u{1F}1".utf8))
    }
}
