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
    public var foundationCalendar: Calendar {
        var calendar = Calendar(identifier: self == .gregorian ? .gregorian : .persian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    public func monthName(_ month: Int, in locale: AppLocale) -> String {
        let names = MonthNames.names(calendar: self, locale: locale)
        return names[(month - 1 + 12) % 12]
    }
}
