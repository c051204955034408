/// Chooses the page language: the signed-in user's setting wins, then an explicit `?lang=`,
/// then the remembered choice (a cookie), then the browser's `Accept-Language`, then English.
public enum LocaleNegotiation {
    public static func choose(
        userSetting: String? = nil,
        query: String? = nil,
        remembered: String? = nil,
        acceptLanguage: String? = nil
    ) -> AppLocale {
        for candidate in [userSetting, query, remembered] {
            if let candidate, let locale = AppLocale(tag: candidate) { return locale }
        }
        if let acceptLanguage, let locale = preferred(acceptLanguage: acceptLanguage) { return locale }
        return .fallback
    }

    /// Picks the highest-weighted supported language of an `Accept-Language` header (RFC 9110 §12.5.4).
    public static func preferred(acceptLanguage header: String) -> AppLocale? {
        var best: (locale: AppLocale, weight: Double, order: Int)?
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let locale = AppLocale(tag: tag) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            guard weight > 0 else { continue }
            if best == nil || weight > best!.weight { best = (locale, weight, order) }
        }
        return best?.locale
    }
}

import Foundation
