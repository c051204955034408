import Crypto
import HamkariCore
@testable import HamkariSecurity
import TestSupport
import Testing

@Suite("Search normalisation and keyed tokens")
struct SearchTokenTests {
    @Test("Arabic and Persian letter forms, marks, joiners and digits fold to one form", arguments: [
        ("تبعيض", "تبعیض"), ("كابل", "کابل"), ("مدرسة", "مدرسه"), ("أحمد", "احمد"), ("إسلام", "اسلام"), ("آزادی", "ازادی"),
        ("می‌کند", "میکند"), ("حقــوق", "حقوق"), ("حُقُوق", "حقوق"), ("۱۴۰۵", "1405"), ("١٤٠٥", "1405"),
        ("Taloqan", "taloqan"), ("ТОШКЕНТ", "тошкент"),
    ])
    func folding(raw: String, folded: String) {
        #expect(SearchNormalizer.normalize(raw) == folded)
    }

    @Test("Words are split at spaces and punctuation, Arabic comma and question mark included")
    func words() {
        #expect(SearchNormalizer.words("حقوق بشر، آزادی؟ (Article 19) — ۱۹") == ["حقوق", "بشر", "ازادی", "article", "19", "19"])
    }

    @Test("The precomputed keyed hash is HMAC-SHA256, for keys shorter than, as long as and longer than a block",
          arguments: [1, 16, 32, 63, 64, 65, 100, 200])
    func precomputedHMAC(keyLength: Int) {
        var generator = SystemRandomNumberGenerator()
        let key = SymmetricKey(data: (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let precomputed = PrecomputedHMAC(key: key)
        for message in ["", "a", "حقوق", String(repeating: "word ", count: 40)].map({ Array($0.utf8) }) {
            let expected = Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
            #expect(message.withUnsafeBytes { Array(precomputed.authenticationCode(for: $0)) } == expected)
        }
        let word = "taloqan"
        #expect(SearchTokenizer(key: key).token(forNormalizedWord: word)
                == Hex.encode(Array(HMAC<SHA256>.authenticationCode(for: Array(word.utf8), using: key)).prefix(16)))
    }

    @Test("The one-pass tokens are the tokens of the defined words: every UDHR text and awkward strings",
          arguments: ["udhr_eng.xml", "udhr_pbu.xml", "udhr_pes_1.xml", "udhr_pes_2.xml", "udhr_uzn_cyrl.xml", "udhr_uzn_latn.xml"])
    func onePassMatchesDefinition(file: String) throws {
        let tokenizer = SearchTokenizer(key: SymmetricKey(size: .bits256))
        func defined(_ text: String) -> [String] {
            // Distinct by scalars, as the tokens are: Swift's String equality would merge canonically
            // equivalent spellings (U+0340 and U+0300), whose bytes, and so tokens, differ.
            var seen = Set<[Unicode.Scalar]>()
            return SearchNormalizer.words(text).filter { seen.insert(Array($0.unicodeScalars)).inserted }
                .map(tokenizer.token(forNormalizedWord:))
        }
        var awkward = [
            "İstanbul ΣΟΦΟΣ ǅungla ﬁnal Straße", "می‌کند\u{200D}ـحـقـوق", "a\u{0301}b c\u{0308}", "🙂word🙂 ok", "x1٢۳y",
            "گُلِ‌سرخ ۝ ﷺ ٪", "oʻzbek gʻalla Oʻ", "", "   ", "-_-", "\u{FEFF}bom", "Ⅻ ① ¾ ²",
        ]
        // Every scalar the tokenizer looks up in its table, run together and one by one.
        let low = (0..<LowScalar.limit).compactMap(Unicode.Scalar.init)
        awkward += [String(String.UnicodeScalarView(low)), low.map { "a\($0)b" }.joined(separator: " ")]
        for text in [try UDHR.text(file)] + awkward {
            #expect(tokenizer.tokens(for: text) == defined(text), "\(text.prefix(40))")
            #expect(SearchTokenizer.normalizedWords(of: text).map { Array($0.unicodeScalars) }
                    == SearchNormalizer.words(text).map { Array($0.unicodeScalars) }, "\(text.prefix(40))")
        }
    }

    @Test("Texts keyed together through one memo get each text's own tokens, words repeated within and across them")
    func memoMatchesOneByOne() throws {
        let tokenizer = SearchTokenizer(key: SymmetricKey(size: .bits256))
        let paragraphs = try UDHR.text("udhr_pes_1.xml").split(separator: "\n").map(String.init)
        let texts = paragraphs.prefix(40) + ["", "حق حق حق", "Right right RIGHT", "حق", paragraphs[3], paragraphs[3]]
        var memo = SearchTokenizer.Memo()
        for text in texts {
            #expect(tokenizer.tokens(for: text, remembering: &memo) == tokenizer.tokens(for: text), "\(text.prefix(40))")
        }
        #expect(tokenizer.tokens(for: "حق حق حق", remembering: &memo) == [tokenizer.token(forNormalizedWord: "حق")])
    }

    @Test("A Dari-spelled query finds the Pashto UDHR's Arabic-yeh spelling")
    func dariQueryFindsPashto() throws {
        let tokenizer = SearchTokenizer(key: SymmetricKey(size: .bits256))
        let pashto = try UDHR.text("udhr_pbu.xml")
        #expect(pashto.contains("تبعيض"), "the Pashto text writes it with Arabic yeh")
        let pashtoTokens = Set(tokenizer.tokens(for: pashto))
        for query in ["تبعیض", "بشری", "دینی", "علمی"] {
            #expect(tokenizer.tokens(for: query).allSatisfy(pashtoTokens.contains), "\(query)")
        }
    }

    @Test("Whole words only: واده (marriage) does not match inside خانواده (family)")
    func wholeWords() throws {
        let tokenizer = SearchTokenizer(key: SymmetricKey(size: .bits256))
        let dari = try UDHR.text("udhr_pes_2.xml")
        #expect(dari.contains("خانواده"))
        let dariTokens = Set(tokenizer.tokens(for: dari))
        #expect(dariTokens.contains(tokenizer.token(forNormalizedWord: "خانواده")))
        #expect(!dariTokens.contains(tokenizer.token(forNormalizedWord: "واده")))
        #expect(Set(tokenizer.tokens(for: try UDHR.text("udhr_pbu.xml"))).contains(tokenizer.token(forNormalizedWord: "واده")))
    }

    @Test("Tokens depend on the key and reveal no word")
    func keyed() {
        let first = SearchTokenizer(key: SymmetricKey(size: .bits256))
        let second = SearchTokenizer(key: SymmetricKey(size: .bits256))
        #expect(first.tokens(for: "بازداشت") != second.tokens(for: "بازداشت"))
        #expect(first.tokens(for: "بازداشت") == first.tokens(for: "بازداشت"))
        #expect(first.tokens(for: "بازداشت")[0].count == 32)
        #expect(first.tokens(for: "a a b a") == first.tokens(for: "a b"))
    }

    @Test("Hex is lower-case, two digits a byte, as sha256sum prints it")
    func hex() {
        #expect(Hex.encode([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
        #expect(Hex.encode([UInt8]()) == "")
        #expect([UInt8]([0x00, 0x0f, 0xab, 0xff]).withUnsafeBytes(Hex.encode) == "000fabff")
        #expect([UInt8]().withUnsafeBytes(Hex.encode) == "")
        #expect(Hex.encode(Array(0...255).map(UInt8.init)) == (0...255).map { String(format: "%02x", $0) }.joined())
    }
}
