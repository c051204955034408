import HamkariCore
import Testing

@Suite("Locales")
struct LocaleTests {
    @Test("Tags are read leniently", arguments: [
        ("en", AppLocale.english), ("en-GB", .english), ("fa-AF", .dari), ("fa_af", .dari), ("prs", .dari),
        ("fa", .dari), ("ps", .pashto), ("ps-AF", .pashto), ("uz", .uzbek), ("uz-Latn", .uzbek),
    ])
    func tags(tag: String, expected: AppLocale) {
        #expect(AppLocale(tag: tag) == expected)
    }

    @Test("Unknown or empty tags are not a locale", arguments: ["", "xx", "de", "arabic", "   "])
    func unknownTags(tag: String) {
        #expect(AppLocale(tag: tag) == nil)
    }

    @Test("Dari and Pashto are right-to-left; English and Uzbek are not")
    func direction() {
        #expect(AppLocale.dari.direction == "rtl")
        #expect(AppLocale.pashto.direction == "rtl")
        #expect(AppLocale.english.direction == "ltr")
        #expect(AppLocale.uzbek.direction == "ltr")
    }

    @Test("The user's setting wins, then ?lang=, then the cookie, then Accept-Language")
    func order() {
        #expect(LocaleNegotiation.choose(userSetting: "ps", query: "fa-AF", remembered: "uz", acceptLanguage: "en") == .pashto)
        #expect(LocaleNegotiation.choose(query: "fa-AF", remembered: "uz", acceptLanguage: "en") == .dari)
        #expect(LocaleNegotiation.choose(remembered: "uz", acceptLanguage: "ps") == .uzbek)
        #expect(LocaleNegotiation.choose(acceptLanguage: "ps") == .pashto)
        #expect(LocaleNegotiation.choose() == .english)
    }

    @Test("An unknown ?lang= falls through to the next source, and finally to English")
    func unknownFallsThrough() {
        #expect(LocaleNegotiation.choose(query: "xx", acceptLanguage: "fa-AF") == .dari)
        #expect(LocaleNegotiation.choose(query: "xx") == .english)
    }

    @Test("Accept-Language weights are honoured")
    func weights() {
        #expect(LocaleNegotiation.preferred(acceptLanguage: "de-DE, ps;q=0.4, fa-AF;q=0.8") == .dari)
        #expect(LocaleNegotiation.preferred(acceptLanguage: "fa;q=0, uz") == .uzbek)
        #expect(LocaleNegotiation.preferred(acceptLanguage: "de, fr") == nil)
        #expect(LocaleNegotiation.preferred(acceptLanguage: ";;;,,q=") == nil)
    }
}

@Suite("Numerals")
struct NumeralTests {
    @Test("Dari and Pashto get Persian digits; English and Uzbek keep ASCII")
    func localize() {
        #expect(Numerals.format(1405, for: .dari) == "۱۴۰۵")
        #expect(Numerals.format(67, for: .pashto) == "۶۷")
        #expect(Numerals.format(1405, for: .english) == "1405")
        #expect(Numerals.format(1405, for: .uzbek) == "1405")
    }

    @Test("Persian and Arabic-Indic digits read as ASCII")
    func ascii() {
        #expect(Numerals.asciiDigits("۱۴۰۰-۰۵-۲۴") == "1400-05-24")
        #expect(Numerals.asciiDigits("٢٠٢١") == "2021")
        #expect(Numerals.asciiDigits("AF18 تخار") == "AF18 تخار")
    }
}
