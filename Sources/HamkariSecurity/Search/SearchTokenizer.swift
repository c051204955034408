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
        token(forUTF8: Array(word.utf8))
    }

    private func token(forUTF8 word: [UInt8]) -> String {
        // A copy of the keyed state skips the key set-up (two hash blocks) for each word.
        var hmac = keyed
        hmac.update(data: word)
        return Hex.encode(hmac.finalize().prefix(16))
    }

    /// The distinct tokens of a text, in order of first appearance (each distinct word keyed once):
    /// the tokens of `SearchNormalizer.words(text)`, found in one pass that gathers each word's bytes
    /// without making strings (a test holds the two equal). Every save and import runs this.
    public func tokens(for text: String) -> [String] {
        var seen = Set<[UInt8]>()
        var tokens: [String] = []
        var word: [UInt8] = []
        func endWord() {
            if !word.isEmpty, seen.insert(word).inserted { tokens.append(token(forUTF8: word)) }
            word.removeAll(keepingCapacity: true)
        }
        func add(_ scalar: Unicode.Scalar) {
            if SearchNormalizer.isWordScalar(scalar) {
                word.append(contentsOf: UTF8.encode(scalar)!)
            } else {
                endWord()
            }
        }
        for scalar in text.unicodeScalars {
            guard let folded = SearchNormalizer.fold(scalar) else { continue }
            if folded.isASCII {
                let value = UInt8(folded.value)
                switch value {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(value + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(value)
                default: endWord()
                }
            } else if folded.properties.changesWhenLowercased {
                for lowered in folded.properties.lowercaseMapping.unicodeScalars { add(lowered) }
            } else {
                add(folded)
            }
        }
        endWord()
        return tokens
    }
}
