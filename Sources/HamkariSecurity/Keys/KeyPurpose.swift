/// What a subkey is for. Each purpose gets its own key derived with HKDF, so a key that leaks
/// from one use (say, search tokens) says nothing about another (sealed identities).
public enum KeyPurpose: String, Sendable, CaseIterable {
    /// Identity fields, contacts and narratives: AES-GCM.
    case sealedFields = "sealed-fields"
    /// Keyed search tokens (HMAC-SHA256) of words in sealed text.
    case searchTokens = "search-tokens"
    /// Keyed lookups of logins, so an account can be found without its handle in the clear.
    case blindIndex = "blind-index"
    /// Ed25519 seed for signing audit checkpoints.
    case auditSigning = "audit-signing"
    /// Evidence files.
    case evidence = "evidence"
}
