import Crypto
import Foundation
import HamkariSecurity
#if canImport(Glibc)
import Glibc
#endif

/// The `keys/` folder of a data directory: the key envelope (the root key wrapped by passphrase
/// and/or key file, and the sealed key-ring versions) and, on a demonstration instance only, the
/// root key itself in the clear. Keys stay here even when the records live in PostgreSQL.
public struct KeyDirectory: Sendable {
    public enum Unlock: Sendable {
        case passphrase(String)
        case keyFile(SymmetricKey)
        /// The unwrapped root key beside the data: demonstration instances only.
        case demo
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case noKeys(path: String)
        case alreadyExists(path: String)
        case wrongPassphrase
        case wrongKeyFile
        case noPassphraseSet
        case noKeyFileSet
        case notADemo
        case damaged(path: String)
        case weakPassphrase
        case cannotWrite(path: String)

        public var description: String {
            switch self {
            case .noKeys(let path): "There are no keys in \(path). Create the instance with `hamkari init`."
            case .alreadyExists(let path): "\(path) already holds keys; they were left as they are."
            case .wrongPassphrase: "The passphrase does not unlock this instance."
            case .wrongKeyFile: "The key file does not unlock this instance."
            case .noPassphraseSet: "This instance has no passphrase; unlock it with its key file (--key-file)."
            case .noKeyFileSet: "This instance has no key file; unlock it with its passphrase."
            case .notADemo: "This is not a demonstration instance: unlock it with its passphrase or key file, not --demo."
            case .damaged(let path): "The keys in \(path) are damaged and cannot be read. Restore them from a backup or from escrow."
            case .weakPassphrase: "The passphrase is too short: use at least \(KeyEnvelope.minimumPassphraseLength) characters (a few words is best)."
            case .cannotWrite(let path): "Cannot write the keys to \(path)."
            }
        }
    }

    public let url: URL

    public init(dataDirectory: URL) {
        self.url = dataDirectory.appendingPathComponent("keys")
    }

    var envelopeURL: URL { url.appendingPathComponent("envelope.json") }
    /// The envelope's path, which a running server watches for a shred.
    public var envelopeFile: URL { envelopeURL }
    var demoRootKeyURL: URL { url.appendingPathComponent("demo-root.key") }

    public var exists: Bool { FileManager.default.fileExists(atPath: envelopeURL.path) }
    public var isDemo: Bool { FileManager.default.fileExists(atPath: demoRootKeyURL.path) }

    /// Writes new keys: wrapped by `passphrase` and/or `keyFileSecret`, or (demo) kept in the clear.
    @discardableResult
    public func create(
        keyRing: KeyRing = .generate(), passphrase: String?, keyFileSecret: SymmetricKey?, demo: Bool = false,
        scrypt: PasswordHash.Parameters = .interactive
    ) throws -> KeyRing {
        guard !exists else { throw Failure.alreadyExists(path: url.path) }
        let created: (envelope: KeyEnvelope, rootKey: SymmetricKey)
        do {
            created = try KeyEnvelope.create(keyRing: keyRing, passphrase: passphrase, keyFileSecret: keyFileSecret, scrypt: scrypt)
        } catch KeyEnvelope.Failure.weakPassphrase {
            throw Failure.weakPassphrase
        }
        try prepareFolder()
        if demo { try writeSecret(KeyFile.demoRootKey.encode(created.rootKey), to: demoRootKeyURL) }
        try save(created.envelope)
        return keyRing
    }

    public func unlock(_ method: Unlock) throws -> (keyRing: KeyRing, rootKey: SymmetricKey) {
        let envelope = try load()
        do {
            switch method {
            case .passphrase(let passphrase):
                return try envelope.unlock(passphrase: passphrase)
            case .keyFile(let secret):
                return try envelope.unlock(keyFileSecret: secret)
            case .demo:
                guard let text = try? String(contentsOf: demoRootKeyURL, encoding: .utf8) else { throw Failure.notADemo }
                guard let rootKey = try? KeyFile.demoRootKey.decode(text) else { throw Failure.damaged(path: demoRootKeyURL.path) }
                return (try envelope.keyRing(rootKey: rootKey), rootKey)
            }
        } catch let failure as KeyEnvelope.Failure {
            switch failure {
            case .wrongPassphrase: throw Failure.wrongPassphrase
            case .wrongKeyFile: throw Failure.wrongKeyFile
            case .noPassphraseWrap: throw Failure.noPassphraseSet
            case .noKeyFileWrap: throw Failure.noKeyFileSet
            case .damaged, .weakPassphrase: throw Failure.damaged(path: envelopeURL.path)
            }
        }
    }

    /// Adds a key version and writes the envelope again; values sealed before stay readable.
    public func rotate(_ unlocked: (keyRing: KeyRing, rootKey: SymmetricKey)) throws -> KeyRing {
        var envelope = try load()
        let rotated = unlocked.keyRing.rotated()
        try envelope.store(rotated, rootKey: unlocked.rootKey)
        try save(envelope)
        return rotated
    }

    /// Notes that an escrow copy was made for `fingerprint`, so operators can see who holds one.
    public func recordEscrow(_ fingerprint: String) throws {
        var envelope = try load()
        envelope.escrowRecipients = Array(Set((envelope.escrowRecipients ?? []) + [fingerprint])).sorted()
        try save(envelope)
    }

    public func escrowRecipients() throws -> [String] {
        try load().escrowRecipients ?? []
    }

    /// Crypto-shred: overwrites with random bytes, then deletes, every file in `keys/` (the envelope
    /// with every wrapped copy of the root key, a demo key, leftovers of interrupted writes).
    /// Afterwards no sealed value or evidence file of this instance can be opened, except with an
    /// escrow copy held abroad. Returns the names of the files destroyed.
    @discardableResult
    public func shred() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        guard !names.isEmpty else { throw Failure.noKeys(path: url.path) }
        for name in names {
            let path = url.appendingPathComponent(name).path
            if let handle = FileHandle(forWritingAtPath: path) {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                try? handle.write(contentsOf: Data(SecureRandom.bytes(max(size, 64))))
                try? handle.synchronize()
                try? handle.close()
            }
            try FileManager.default.removeItem(atPath: path)
        }
        // The directory entry removals reach the disk too.
        let descriptor = open(url.path, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
        return names.sorted()
    }

    /// After a shred (or on a new machine): writes a new envelope for a key ring recovered from escrow.
    public func restore(_ keyRing: KeyRing, passphrase: String?, keyFileSecret: SymmetricKey?,
                        scrypt: PasswordHash.Parameters = .interactive) throws {
        try create(keyRing: keyRing, passphrase: passphrase, keyFileSecret: keyFileSecret, scrypt: scrypt)
    }

    func load() throws -> KeyEnvelope {
        guard let data = FileManager.default.contents(atPath: envelopeURL.path) else { throw Failure.noKeys(path: url.path) }
        guard let envelope = try? JSONDecoder().decode(KeyEnvelope.self, from: data) else {
            throw Failure.damaged(path: envelopeURL.path)
        }
        return envelope
    }

    func save(_ envelope: KeyEnvelope) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeSecret(String(decoding: try encoder.encode(envelope), as: UTF8.self), to: envelopeURL)
    }

    private func prepareFolder() throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure.cannotWrite(path: url.path)
        }
    }

    /// Writes via a temporary file and a rename, so a crash never leaves half a key file; owner-only.
    private func writeSecret(_ text: String, to target: URL) throws {
        let temporary = target.appendingPathExtension("tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure.cannotWrite(path: target.path)
        }
        // rename(2) replaces the old file in one step: a reader sees the old envelope or the new.
        guard rename(temporary.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure.cannotWrite(path: target.path)
        }
    }
}
