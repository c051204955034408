/// Writes and reads digits in the scripts our users write them in.
public enum Numerals {
    static let persianDigits: [Character] = ["۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"]

    /// Replaces ASCII digits with Eastern Arabic-Indic (Persian) ones where the locale uses them.
    public static func localize(_ text: String, for locale: AppLocale) -> String {
        guard locale.usesPersianDigits else { return text }
        return String(text.map { character in
            if let ascii = character.asciiValue, (48...57).contains(ascii) {
                return persianDigits[Int(ascii - 48)]
            }
            return character
        })
    }

    public static func format(_ number: Int, for locale: AppLocale) -> String {
        localize(String(number), for: locale)
    }

    /// Turns Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits into ASCII ones,
    /// so a number typed on a Dari or Arabic keyboard reads the same as one typed in Latin digits.
    public static func asciiDigits(_ text: String) -> String {
        // Most numbers arrive in ASCII already; they are returned as they are, without a copy.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x06F0...0x06F9: Unicode.Scalar(scalar.value - 0x06F0 + 48)!
            case 0x0660...0x0669: Unicode.Scalar(scalar.value - 0x0660 + 48)!
            default: scalar
            }
        }))
    }
}
