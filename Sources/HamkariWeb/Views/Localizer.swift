import Foundation
import HamkariCore

/// The interface strings of every locale, read once from the bundled catalogs (`locales/<tag>.json`).
/// A string missing from a catalog falls back to English, so a page never shows a raw key.
public struct Localizer: Sendable {
    public let catalogs: [AppLocale: [String: String]]

    public init(catalogs: [AppLocale: [String: String]]) {
        self.catalogs = catalogs
    }

    public static func loadBundled() throws -> Localizer {
        var catalogs: [AppLocale: [String: String]] = [:]
        for locale in AppLocale.allCases {
            let data = try BundledResources.data("locales/\(locale.tag).json")
            catalogs[locale] = try JSONDecoder().decode([String: String].self, from: data)
        }
        return Localizer(catalogs: catalogs)
    }

    public func string(_ key: String, _ locale: AppLocale) -> String {
        catalogs[locale]?[key] ?? catalogs[.fallback]?[key] ?? key
    }

    /// Every string of a locale, with English filling any gap: what a template sees as `t`.
    public func table(for locale: AppLocale) -> [String: String] {
        (catalogs[.fallback] ?? [:]).merging(catalogs[locale] ?? [:]) { _, localized in localized }
    }
}
