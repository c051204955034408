import Foundation

/// The calendars a date can be entered in and shown in.
public enum CalendarSystem: String, CaseIterable, Sendable, Codable {
    case gregorian
    /// The Solar Hijri calendar, official in Afghanistan (Foundation's `.persian`; months named as in Afghanistan).
    case solarHijri = "solar-hijri"

    public init?(tag: String) {
        switch tag.lowercased() {
        case "gregorian", "g": self = .gregorian
        case "solar-hijri", "solarhijri", "persian", "sh", "hijri-shamsi": self = .solarHijri
        default: return nil
        }
    }

    /// A calendar in UTC: dates here are days, not instants, so a server's time zone must not shift them.
    /// Made once per calendar: making one is slow, and dates are converted on every page and save.
    public var foundationCalendar: Calendar {
        self == .gregorian ? Self.gregorianInUTC : Self.solarHijriInUTC
    }

    private static let gregorianInUTC = inUTC(.gregorian)
    private static let solarHijriInUTC = inUTC(.persian)

    private static func inUTC(_ identifier: Calendar.Identifier) -> Calendar {
        var calendar = Calendar(identifier: identifier)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    public func monthName(_ month: Int, in locale: AppLocale) -> String {
        let names = MonthNames.names(calendar: self, locale: locale)
        return names[(month - 1 + 12) % 12]
    }
}
