import Crypto
import Foundation

/// Turns words into keyed tokens: HMAC-SHA256 under the key ring's search subkey, truncated to
/// 128 bits and hex-encoded. The index stores only tokens, so a stolen database file reveals no
/// word, while a search for a word finds the records whose text held it, whole words only.
public struct SearchTokenizer: Sendable {
    let key: SymmetricKey

    public init(keyRing: KeyRing) throws {
        // Version 1 always: tokens must not change when keys rotate, or the index would stop matching.
        self.key = try keyRing.subkey(.searchTokens, version: keyRing.versions.keys.min())
    }

    public init(key: SymmetricKey) {
        self.key = key
    }

    public func token(forNormalizedWord word: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(word.utf8), using: key)
        return mac.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The distinct tokens of a text, in order of first appearance.
    public func tokens(for text: String) -> [String] {
        var seen = Set<String>()
        return SearchNormalizer.words(text).map(token(forNormalizedWord:)).filter { seen.insert($0).inserted }
    }
}
