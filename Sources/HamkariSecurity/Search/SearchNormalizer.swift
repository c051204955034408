/// Folds the spellings of one word into one form, so that a search finds it however it was typed:
/// Arabic and Persian letter variants (ي/ى→ی, ك→ک, ة→ه, أ/إ/آ/ٱ→ا, ؤ→و, ۀ→ه), no zero-width
/// non-joiner, tatweel or vowel marks (harakat), Persian and Arabic-Indic digits as ASCII, and
/// Latin and Cyrillic case folded. Folding ي and ی merges a distinction Pashto writing makes:
/// right for recall, to be confirmed with Pashto readers.
public enum SearchNormalizer {
    static let letterFolds: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{064A}": "\u{06CC}", "\u{0649}": "\u{06CC}", "\u{06D2}": "\u{06CC}",  // ي ى ے → ی
        "\u{0643}": "\u{06A9}",  // ك → ک
        "\u{0629}": "\u{0647}", "\u{06C0}": "\u{0647}", "\u{06D5}": "\u{0647}",  // ة ۀ ە → ه
        "\u{0623}": "\u{0627}", "\u{0625}": "\u{0627}", "\u{0622}": "\u{0627}", "\u{0671}": "\u{0627}",  // أ إ آ ٱ → ا
        "\u{0624}": "\u{0648}",  // ؤ → و
    ]

    /// Removed: ZWNJ/ZWJ, tatweel, the harakat and Quranic marks, superscript alef, hamza above/below.
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200C, 0x200D, 0x200E, 0x200F, 0x0640: true
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED: true
        default: false
        }
    }

    /// One scalar folded (before case folding): nil for what is removed.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if scalar.isASCII { return scalar }
        if isIgnorable(scalar) { return nil }
        switch scalar.value {
        case 0x06F0...0x06F9: return Unicode.Scalar(scalar.value - 0x06F0 + 48)
        case 0x0660...0x0669: return Unicode.Scalar(scalar.value - 0x0660 + 48)
        default: return letterFolds[scalar] ?? scalar
        }
    }

    /// Whether a (normalised) scalar belongs to a word: letters, digits, combining marks.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
    }

    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) { scalars.append(folded) }
        }
        return String(scalars).lowercased()
    }

    /// The normalised words of `text`: runs of letters and digits, split at everything else.
    /// The definition; `SearchTokenizer.tokens` finds the same words faster.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalize(text).unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
