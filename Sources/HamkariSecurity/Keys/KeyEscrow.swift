import Crypto
import Foundation
import HamkariCore

/// Escrow of the instance's keys with a trusted person outside the country. They make an X25519
/// key pair on their own machine (`hamkari key escrow keygen`) and send only the public half; the
/// server wraps its root key and key-ring secrets to it with HPKE (RFC 9180, X25519 + HKDF-SHA256 +
/// ChaCha20-Poly1305). The resulting escrow copy is useless without the private half held abroad,
/// and after a crypto-shred it is the only way back (`hamkari key recover`).
public enum KeyEscrow {
    static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    static let info = Data("hamkari escrow copy v1".utf8)

    public enum Failure: Error, Equatable, Sendable {
        case notAnEscrowCopy
        /// The identity is not the one the copy was made for, or the copy was altered.
        case cannotOpen
    }

    /// A fresh key pair for an escrow holder.
    public static func newIdentity() -> Curve25519.KeyAgreement.PrivateKey {
        Curve25519.KeyAgreement.PrivateKey()
    }

    public static func identityText(_ key: Curve25519.KeyAgreement.PrivateKey) -> String {
        KeyFile.escrowIdentity.encode(SymmetricKey(data: key.rawRepresentation))
    }

    public static func recipientText(_ key: Curve25519.KeyAgreement.PublicKey) -> String {
        KeyFile.escrowRecipient.encode(SymmetricKey(data: key.rawRepresentation))
    }

    public static func identity(from text: String) throws -> Curve25519.KeyAgreement.PrivateKey {
        try KeyFile.escrowIdentity.decode(text).withUnsafeBytes { try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: $0) }
    }

    public static func recipient(from text: String) throws -> Curve25519.KeyAgreement.PublicKey {
        try KeyFile.escrowRecipient.decode(text).withUnsafeBytes { try Curve25519.KeyAgreement.PublicKey(rawRepresentation: $0) }
    }

    /// A short, stable name for a public key (first 16 hex digits of its SHA-256), to tell recipients apart.
    public static func fingerprint(_ key: Curve25519.KeyAgreement.PublicKey) -> String {
        Hex.encode(SHA256.hash(data: key.rawRepresentation).prefix(8))
    }

    /// What an escrow copy holds once opened: every key-ring version secret.
    struct Contents: Codable {
        struct Version: Codable {
            var number: UInt32
            var secret: Data
        }
        var versions: [Version]
    }

    /// The escrow copy as a file: a JSON document with the HPKE encapsulated key and ciphertext.
    public struct Copy: Codable, Sendable, Equatable {
        public var format = "hamkari-escrow-copy-v1"
        public var recipient: String
        public var created: Date
        public var encapsulatedKey: Data
        public var ciphertext: Data

        public static func make(of keyRing: KeyRing, to recipient: Curve25519.KeyAgreement.PublicKey, at time: Date = Date()) throws -> Copy {
            let contents = Contents(versions: keyRing.versions.values.sorted { $0.number < $1.number }.map { version in
                Contents.Version(number: version.number, secret: version.secret.withUnsafeBytes { Data($0) })
            })
            var sender = try HPKE.Sender(recipientKey: recipient, ciphersuite: KeyEscrow.ciphersuite, info: KeyEscrow.info)
            let fingerprint = KeyEscrow.fingerprint(recipient)
            let ciphertext = try sender.seal(try JSONEncoder().encode(contents), authenticating: Data(fingerprint.utf8))
            return Copy(recipient: fingerprint, created: time, encapsulatedKey: sender.encapsulatedKey, ciphertext: ciphertext)
        }

        /// The key ring, recovered with the escrow holder's private key.
        public func open(with identity: Curve25519.KeyAgreement.PrivateKey) throws(Failure) -> KeyRing {
            guard format == "hamkari-escrow-copy-v1" else { throw .notAnEscrowCopy }
            do {
                var recipient = try HPKE.Recipient(privateKey: identity, ciphersuite: KeyEscrow.ciphersuite, info: KeyEscrow.info,
                                                   encapsulatedKey: encapsulatedKey)
                let plaintext = try recipient.open(ciphertext, authenticating: Data(self.recipient.utf8))
                let contents = try JSONDecoder().decode(Contents.self, from: plaintext)
                return try KeyRing(versions: contents.versions.map { KeyRing.Version(number: $0.number, secret: SymmetricKey(data: $0.secret)) })
            } catch {
                throw .cannotOpen
            }
        }

        public func encoded() throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            return try encoder.encode(self)
        }

        public static func decode(_ data: Data) throws(Failure) -> Copy {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            guard let copy = try? decoder.decode(Copy.self, from: data) else { throw .notAnEscrowCopy }
            return copy
        }
    }
}
