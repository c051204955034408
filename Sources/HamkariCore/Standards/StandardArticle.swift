/// One article of an instrument in one language. The same instrument and number in other
/// languages are its translations.
public struct StandardArticle: Hashable, Sendable, Codable {
    public var instrument: String
    /// As the instrument numbers it: "1", "19", "38".
    public var number: String
    /// A language tag as the source gives it: `en`, `fa-AF`, `ps`, `uz-Latn`, `uz-Cyrl`.
    public var language: String
    public var title: String
    /// Paragraphs, one per line.
    public var text: String

    public init(instrument: String, number: String, language: String, title: String, text: String) {
        self.instrument = instrument
        self.number = number
        self.language = language
        self.title = title
        self.text = text
    }

    public var reference: ArticleReference { ArticleReference(instrument: instrument, number: number) }

    /// The interface language an article's language serves (`uz-Latn` serves Uzbek; `uz-Cyrl` none, as the
    /// interface writes Uzbek in Latin script).
    public static func locale(ofLanguage tag: String) -> AppLocale? {
        switch tag.lowercased() {
        case "en", "en-gb", "en-us": .english
        case "fa-af", "prs": .dari
        case "ps", "pbu", "pus": .pashto
        case "uz", "uz-latn": .uzbek
        default: nil
        }
    }

    /// Whether text in `tag` is written right to left (Dari, Pashto, Persian, Arabic, Urdu).
    public static func isRightToLeft(_ tag: String) -> Bool {
        ["fa", "prs", "ps", "pbu", "pus", "ar", "ur"].contains(tag.lowercased().split(separator: "-").first.map(String.init) ?? "")
    }

    /// A language's name in itself, as a reader picking a translation looks for it.
    public static func endonym(_ tag: String) -> String {
        switch tag.lowercased() {
        case "en": "English"
        case "fa-af", "prs": "دری"
        case "fa": "فارسی"
        case "ps", "pbu": "پښتو"
        case "uz-latn", "uz": "Oʻzbekcha"
        case "uz-cyrl": "Ўзбекча"
        default: tag
        }
    }

    /// The language tag that serves `locale` best, among those given.
    public static func language(for locale: AppLocale, among tags: [String]) -> String? {
        tags.first { Self.locale(ofLanguage: $0) == locale } ?? tags.first { Self.locale(ofLanguage: $0) == .english } ?? tags.first
    }
}

/// An article cited by instrument and number, as the vocabulary and agendas cite them: `UDHR 19`.
public struct ArticleReference: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var instrument: String
    public var number: String

    public init(instrument: String, number: String) {
        self.instrument = instrument.uppercased()
        self.number = number
    }

    /// `UDHR 19`, `udhr-19` or `UDHR art. 19`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.replacingOccurrences(of: "-", with: " ").split(whereSeparator: { $0 == " " || $0 == ":" })
            .filter { !["art", "art.", "article"].contains($0.lowercased()) }
        guard parts.count == 2, parts[0].allSatisfy(\.isLetter), !parts[1].isEmpty, parts[1].allSatisfy(\.isNumber) else { return nil }
        self.init(instrument: String(parts[0]), number: String(parts[1]))
    }

    public var description: String { "\(instrument) \(number)" }

    public static func < (lhs: ArticleReference, rhs: ArticleReference) -> Bool {
        lhs.instrument != rhs.instrument ? lhs.instrument < rhs.instrument : (Int(lhs.number) ?? 0, lhs.number) < (Int(rhs.number) ?? 0, rhs.number)
    }
}
