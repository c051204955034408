import Crypto
import CryptoExtras
import Foundation

/// The instance's root key as it rests on disk: never in the clear, only wrapped by keys that are
/// not on the disk — one derived with scrypt from the operator's passphrase, and/or one held in a
/// key file on removable media. The key ring's version secrets are in turn sealed under the root key.
///
/// Destroying this envelope (and every copy of the root key) makes every sealed value unreadable.
public struct KeyEnvelope: Codable, Sendable, Equatable {
    public struct Wrap: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            case passphrase
            case keyFile = "key-file"
        }

        public var kind: Kind
        /// scrypt parameters and salt, for a passphrase wrap.
        public var logN: Int?
        public var blockSize: Int?
        public var parallelism: Int?
        public var salt: Data?
        /// AES-GCM combined (nonce ‖ ciphertext ‖ tag) of the root key.
        public var sealedRootKey: Data
    }

    public struct SealedVersion: Codable, Sendable, Equatable {
        public var number: UInt32
        public var sealedSecret: Data
    }

    public enum Failure: Error, Equatable, Sendable {
        case wrongPassphrase
        case wrongKeyFile
        case noPassphraseWrap
        case noKeyFileWrap
        case damaged
        case weakPassphrase
    }

    public static let minimumPassphraseLength = 12

    public var format = 1
    public var wraps: [Wrap]
    public var versions: [SealedVersion]
    /// Fingerprints of the escrow holders a copy was made for (the copies themselves are abroad).
    public var escrowRecipients: [String]?

    // MARK: - Creating

    /// Wraps a new root key holding `keyRing`, under a passphrase and/or a key file's secret.
    public static func create(
        keyRing: KeyRing, passphrase: String?, keyFileSecret: SymmetricKey?,
        scrypt parameters: PasswordHash.Parameters = .interactive
    ) throws -> (envelope: KeyEnvelope, rootKey: SymmetricKey) {
        let rootKey = SymmetricKey(size: .bits256)
        var wraps: [Wrap] = []
        if let passphrase {
            wraps.append(try passphraseWrap(rootKey: rootKey, passphrase: passphrase, parameters: parameters))
        }
        if let keyFileSecret {
            wraps.append(Wrap(kind: .keyFile, sealedRootKey: try seal(rootKey, under: keyFileSecret, label: "key-file")))
        }
        var envelope = KeyEnvelope(wraps: wraps, versions: [])
        try envelope.store(keyRing, rootKey: rootKey)
        return (envelope, rootKey)
    }

    /// Replaces the sealed versions with those of `keyRing` (after a rotation).
    public mutating func store(_ keyRing: KeyRing, rootKey: SymmetricKey) throws {
        versions = try keyRing.versions.values.sorted { $0.number < $1.number }.map { version in
            SealedVersion(number: version.number,
                          sealedSecret: try Self.seal(version.secret, under: rootKey, label: "version-\(version.number)"))
        }
    }

    static func passphraseWrap(rootKey: SymmetricKey, passphrase: String, parameters: PasswordHash.Parameters) throws -> Wrap {
        guard passphrase.count >= minimumPassphraseLength else { throw Failure.weakPassphrase }
        let salt = SecureRandom.bytes(16)
        let kek = try passphraseKey(passphrase, salt: salt, parameters: parameters)
        return Wrap(kind: .passphrase, logN: parameters.logN, blockSize: parameters.blockSize,
                    parallelism: parameters.parallelism, salt: Data(salt),
                    sealedRootKey: try seal(rootKey, under: kek, label: "passphrase"))
    }

    // MARK: - Unlocking

    public func unlock(passphrase: String) throws(Failure) -> (keyRing: KeyRing, rootKey: SymmetricKey) {
        guard let wrap = wraps.first(where: { $0.kind == .passphrase }) else { throw .noPassphraseWrap }
        guard let logN = wrap.logN, let r = wrap.blockSize, let p = wrap.parallelism, let salt = wrap.salt,
              PasswordHash.Parameters(logN: logN, blockSize: r, parallelism: p).isWithinLimits else { throw .damaged }
        let kek: SymmetricKey
        do {
            kek = try Self.passphraseKey(passphrase, salt: Array(salt),
                                         parameters: .init(logN: logN, blockSize: r, parallelism: p))
        } catch {
            throw .damaged
        }
        guard let rootKey = try? Self.open(wrap.sealedRootKey, under: kek, label: "passphrase") else { throw .wrongPassphrase }
        return (try keyRing(rootKey: rootKey), rootKey)
    }

    public func unlock(keyFileSecret: SymmetricKey) throws(Failure) -> (keyRing: KeyRing, rootKey: SymmetricKey) {
        guard let wrap = wraps.first(where: { $0.kind == .keyFile }) else { throw .noKeyFileWrap }
        guard let rootKey = try? Self.open(wrap.sealedRootKey, under: keyFileSecret, label: "key-file") else { throw .wrongKeyFile }
        return (try keyRing(rootKey: rootKey), rootKey)
    }

    /// Opens the key ring with the root key itself (demo instances keep it unwrapped beside the data).
    public func keyRing(rootKey: SymmetricKey) throws(Failure) -> KeyRing {
        var versions: [KeyRing.Version] = []
        for sealed in self.versions {
            guard let secret = try? Self.open(sealed.sealedSecret, under: rootKey, label: "version-\(sealed.number)") else {
                throw .damaged
            }
            versions.append(KeyRing.Version(number: sealed.number, secret: secret))
        }
        do {
            return try KeyRing(versions: versions)
        } catch {
            throw .damaged
        }
    }

    // MARK: - Primitives

    static func passphraseKey(_ passphrase: String, salt: [UInt8], parameters: PasswordHash.Parameters) throws -> SymmetricKey {
        SymmetricKey(data: try PasswordHash.derive(password: passphrase, salt: salt, parameters: parameters))
    }

    static func seal(_ key: SymmetricKey, under kek: SymmetricKey, label: String) throws -> Data {
        let plaintext = key.withUnsafeBytes { Data($0) }
        return try AES.GCM.seal(plaintext, using: kek, authenticating: Data("hamkari-key/\(label)".utf8)).combined!
    }

    static func open(_ sealed: Data, under kek: SymmetricKey, label: String) throws -> SymmetricKey {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return SymmetricKey(data: try AES.GCM.open(box, using: kek, authenticating: Data("hamkari-key/\(label)".utf8)))
    }
}
