import Crypto
import Foundation
import HamkariCore

/// Turns words into keyed tokens: HMAC-SHA256 under the key ring's search subkey, truncated to
/// 128 bits and hex-encoded. The index stores only tokens, so a stolen database file reveals no
/// word, while a search for a word finds the records whose text held it, whole words only.
public struct SearchTokenizer: Sendable {
    private let keyed: PrecomputedHMAC

    public init(keyRing: KeyRing) throws {
        // Version 1 always: tokens must not change when keys rotate, or the index would stop matching.
        self.init(key: try keyRing.subkey(.searchTokens, version: keyRing.versions.keys.min()))
    }

    public init(key: SymmetricKey) {
        keyed = PrecomputedHMAC(key: key)
    }

    public func token(forNormalizedWord word: String) -> String {
        token(forUTF8: Array(word.utf8))
    }

    private func token(forUTF8 word: [UInt8]) -> String {
        word.withUnsafeBytes { bytes in
            keyed.authenticationCode(for: bytes).withUnsafeBytes { Hex.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
        }
    }

    /// The distinct tokens of a text, in order of first appearance (each distinct word keyed once):
    /// the tokens of `SearchNormalizer.words(text)`, found in one pass that gathers each word's bytes
    /// without making strings (a test holds the two equal). Every save and import runs this.
    public func tokens(for text: String) -> [String] {
        var memo = Memo()
        return tokens(for: text, remembering: &memo)
    }

    /// The same, for one of many texts keyed together (an import's events): a word met in an earlier
    /// text of `memo` is not keyed again, and its token string is shared.
    public func tokens(for text: String, remembering memo: inout Memo) -> [String] {
        memo.textNumber += 1
        var tokens: [String] = []
        Self.scanWords(text) { word in
            let index: Int
            if let known = memo.indexes[WordBytes(bytes: word)] {
                guard memo.lastText[known] != memo.textNumber else { return }
                index = known
            } else {
                index = memo.tokens.count
                memo.indexes[WordBytes(bytes: word)] = index
                memo.tokens.append(token(forUTF8: word))
                memo.lastText.append(0)
            }
            memo.lastText[index] = memo.textNumber
            tokens.append(memo.tokens[index])
        }
        return tokens
    }

    /// Words already keyed, with the last text each was met in. It holds words of the texts it saw:
    /// keep it only as long as the texts themselves.
    public struct Memo: Sendable {
        fileprivate var indexes: [WordBytes: Int] = [:]
        fileprivate var tokens: [String] = []
        fileprivate var lastText: [Int] = []
        fileprivate var textNumber = 0

        public init() {}
    }

    /// A word's bytes, hashed as one buffer: an array of bytes is hashed a byte at a time.
    fileprivate struct WordBytes: Hashable {
        let bytes: [UInt8]

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// `SearchNormalizer.words(text)`, found by the same one pass (a test holds the two equal).
    public static func normalizedWords(of text: String) -> [String] {
        var words: [String] = []
        scanWords(text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with the UTF-8 bytes of each normalised word of `text`, in order.
    static func scanWords(_ text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        func endWord() {
            if !word.isEmpty { body(word) }
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
            let value = scalar.value
            if value < 0x80 {
                switch UInt8(value) {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(UInt8(value) + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(UInt8(value))
                default: endWord()
                }
                continue
            }
            if value < LowScalar.limit {
                switch LowScalar.table[Int(value)] {
                case .separator: endWord(); continue
                case .ignored: continue
                case .word(let folded):
                    // Two bytes of UTF-8 below U+0800 (one for the digits that fold to ASCII).
                    let scalar = folded.value
                    if scalar < 0x80 {
                        word.append(UInt8(scalar))
                    } else {
                        word.append(UInt8(0xC0 | scalar >> 6))
                        word.append(UInt8(0x80 | scalar & 0x3F))
                    }
                    continue
                case .cased: break
                }
            }
            guard let folded = SearchNormalizer.fold(scalar) else { continue }
            if folded.properties.changesWhenLowercased {
                for lowered in folded.properties.lowercaseMapping.unicodeScalars { add(lowered) }
            } else {
                add(folded)
            }
        }
        endWord()
    }
}

/// What each scalar below U+0800 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic: nearly every
/// letter Dari, Pashto and Uzbek are written in) does to a word, worked out once from
/// `SearchNormalizer`'s own rules: asking Unicode's properties for every letter of every narrative
/// took a third of the time of tokenizing it.
enum LowScalar {
    case separator, ignored, word(Unicode.Scalar)
    /// Changes when lowercased: folded on the general path.
    case cased

    static let limit: UInt32 = 0x800

    static let table: [LowScalar] = (0..<limit).map { value in
        guard let folded = Unicode.Scalar(value).flatMap(SearchNormalizer.fold) else { return .ignored }
        if folded.properties.changesWhenLowercased { return .cased }
        return SearchNormalizer.isWordScalar(folded) ? .word(folded) : .separator
    }
}
