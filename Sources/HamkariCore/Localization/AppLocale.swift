/// The user-interface languages Hamkari ships, with what a page needs to lay itself out.
public enum AppLocale: String, CaseIterable, Sendable, Codable {
    case english = "en"
    case dari = "fa-AF"
    case pashto = "ps"
    case uzbek = "uz"

    public static let fallback: AppLocale = .english

    /// The BCP 47 tag written into `<html lang>`.
    public var tag: String { rawValue }

    public var isRightToLeft: Bool {
        switch self {
        case .dari, .pashto: true
        case .english, .uzbek: false
        }
    }

    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    /// Dari and Pashto readers expect Eastern Arabic-Indic (Persian) digits.
    public var usesPersianDigits: Bool { isRightToLeft }

    /// The calendar a reader of this language expects unless they choose otherwise:
    /// Afghanistan's official calendar is the Solar Hijri one.
    public var defaultCalendar: CalendarSystem {
        switch self {
        case .dari, .pashto: .solarHijri
        case .english, .uzbek: .gregorian
        }
    }

    /// The language's own name, as shown in the language picker.
    public var nativeName: String {
        switch self {
        case .english: "English"
        case .dari: "دری"
        case .pashto: "پښتو"
        case .uzbek: "Oʻzbekcha"
        }
    }

    /// Reads a tag leniently: `fa-AF`, `fa_af`, `prs` and `fa` all mean Dari, `uz-Latn` means Uzbek.
    public init?(tag: String) {
        let normalised = tag.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
        guard !normalised.isEmpty else { return nil }
        let primary = normalised.split(separator: "-").first.map(String.init) ?? normalised
        switch primary {
        case "en": self = .english
        case "fa", "prs": self = .dari
        case "ps", "pbu", "pbt": self = .pashto
        case "uz", "uzn", "uzs": self = .uzbek
        default: return nil
        }
    }
}

import Foundation
