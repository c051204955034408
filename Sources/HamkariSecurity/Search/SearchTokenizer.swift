import Crypto
import Foundation

/// Turns words into keyed tokens: HMAC-SHA256 under the key ring's search subkey, truncated to
/// 128 bits and hex-encoded. The index stores only tokens, so a stolen database file reveals no
/// word, while a search for a word finds the records whose text held it, whole words only.
public struct SearchTokenizer: Sendable {
    private let keyed: HMAC<SHA256>

    public init(keyRing: KeyRing) throws {
        // Version 1 always: tokens must not change when keys rotate, or the index would stop matching.
        self.init(key: try keyRing.subkey(.searchTokens, version: keyRing.versions.keys.min()))
    }

    public init(key: SymmetricKey) {
        keyed = HMAC<SHA256>(key: key)
    }

    public func token(forNormalizedWord word: String) -> String {
        // A copy of the keyed state skips the key set-up (two hash blocks) for each word.
        var hmac = keyed
        hmac.update(data: Data(word.utf8))
        let mac = hmac.finalize()
        return Hex.encode(mac.prefix(16))
    }

    /// The distinct tokens of a text, in order of first appearance (each distinct word keyed once).
    public func tokens(for text: String) -> [String] {
        var seen = Set<String>()
        return SearchNormalizer.words(text).filter { seen.insert($0).inserted }.map(token(forNormalizedWord:))
    }
}
