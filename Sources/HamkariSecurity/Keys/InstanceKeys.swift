import Crypto

/// Everything an unlocked instance derives from its key ring, made once at start.
public struct InstanceKeys: Sendable {
    public let keyRing: KeyRing
    public let sealer: FieldSealer
    public let searchTokens: SearchTokenizer
    public let blindIndex: BlindIndex
    public let auditSigningKey: Curve25519.Signing.PrivateKey

    public init(keyRing: KeyRing) throws {
        self.keyRing = keyRing
        self.sealer = FieldSealer(keyRing: keyRing)
        self.searchTokens = try SearchTokenizer(keyRing: keyRing)
        self.blindIndex = try BlindIndex(keyRing: keyRing)
        self.auditSigningKey = try AuditCheckpoint.signingKey(from: keyRing)
    }

    /// Fresh random keys, for tests and for a brand-new instance before its envelope is written.
    public static func generate() -> InstanceKeys {
        try! InstanceKeys(keyRing: .generate())
    }
}
