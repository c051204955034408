import Crypto
import Foundation

/// A signed statement of the audit log's state: its size, its Merkle root and when. Members keep
/// copies; a later log that does not extend a kept checkpoint has been rewritten.
public struct AuditCheckpoint: Sendable, Equatable, Codable {
    public var treeSize: Int
    public var rootHash: Data
    public var time: Int64
    public var publicKey: Data
    public var signature: Data

    public enum Failure: Error, Equatable, Sendable {
        case badSignature
        case malformed
    }

    public init(treeSize: Int, rootHash: Data, time: Int64, publicKey: Data, signature: Data) {
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.time = time
        self.publicKey = publicKey
        self.signature = signature
    }

    /// The text that is signed: a fixed header, then size, root (base64) and time, one per line.
    static func signedText(treeSize: Int, rootHash: Data, time: Int64) -> Data {
        Data("hamkari-audit-checkpoint-v1\n\(treeSize)\n\(rootHash.base64EncodedString())\n\(time)\n".utf8)
    }

    public static func sign(treeSize: Int, rootHash: Data, time: Int64, key: Curve25519.Signing.PrivateKey) throws -> AuditCheckpoint {
        let signature = try key.signature(for: signedText(treeSize: treeSize, rootHash: rootHash, time: time))
        return AuditCheckpoint(treeSize: treeSize, rootHash: rootHash, time: time,
                               publicKey: key.publicKey.rawRepresentation, signature: signature)
    }

    /// Checks the signature against `trustedKey` (or, lacking one, the key the checkpoint carries).
    public func verifySignature(trustedKey: Data? = nil) throws(Failure) {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: trustedKey ?? publicKey) else { throw .malformed }
        guard key.isValidSignature(signature, for: Self.signedText(treeSize: treeSize, rootHash: rootHash, time: time)) else {
            throw .badSignature
        }
    }

    /// The signing key for checkpoints, derived from the key ring so that it needs no storage of its own.
    public static func signingKey(from keyRing: KeyRing) throws -> Curve25519.Signing.PrivateKey {
        let seed = try keyRing.subkey(.auditSigning, version: keyRing.versions.keys.min())
        return try Curve25519.Signing.PrivateKey(rawRepresentation: seed.withUnsafeBytes { Data($0) })
    }
}
