import Foundation

/// A day written in one calendar: what a person enters or reads, before it becomes an instant.
public struct CalendarDay: Hashable, Sendable, Codable {
    public var calendar: CalendarSystem
    public var year: Int
    public var month: Int
    public var day: Int

    public init(calendar: CalendarSystem, year: Int, month: Int, day: Int) {
        self.calendar = calendar
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day on which `date` falls, in UTC.
    public init(_ date: Date, in calendar: CalendarSystem) {
        let parts = calendar.foundationCalendar.dateComponents([.year, .month, .day], from: date)
        self.init(calendar: calendar, year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Midnight UTC of this day, or nil when no such day exists (the 31st of Mizan, the 30th of February).
    public var date: Date? {
        let calendar = self.calendar.foundationCalendar
        let parts = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: parts) else { return nil }
        let roundTrip = calendar.dateComponents([.year, .month, .day], from: date)
        guard roundTrip.year == year, roundTrip.month == month, roundTrip.day == day else { return nil }
        return date
    }

    public func converted(to other: CalendarSystem) -> CalendarDay? {
        date.map { CalendarDay($0, in: other) }
    }

    /// "24 Asad 1400", "۲۴ اسد ۱۴۰۰", "15 August 2021": the long form shown on pages.
    public func formatted(in locale: AppLocale) -> String {
        let text = "\(day) \(calendar.monthName(month, in: locale)) \(year)"
        return Numerals.localize(text, for: locale)
    }

    /// ISO-like numeric form `1400-05-24` (with the calendar's own year), for forms and exports.
    public var numeric: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
        }
        // Ten ASCII digits and dashes written in place, a small string: every stored date, every list
        // key and reference of an import goes through here.
        return String(unsafeUninitializedCapacity: 10) { characters in
            func write(_ value: Int, width: Int, endingAt end: Int) {
                var rest = value
                for position in stride(from: end, to: end - width, by: -1) {
                    characters[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            write(year, width: 4, endingAt: 3)
            characters[4] = UInt8(ascii: "-")
            write(month, width: 2, endingAt: 6)
            characters[7] = UInt8(ascii: "-")
            write(day, width: 2, endingAt: 9)
            return 10
        }
    }
}

public enum DateDisplay {
    /// Shows an instant as the day it falls on, in the reader's calendar and language.
    public static func day(_ date: Date, calendar: CalendarSystem, locale: AppLocale) -> String {
        CalendarDay(date, in: calendar).formatted(in: locale)
    }

    /// The day and the time of day (UTC), for due times: "12 Jawza 1405, 14:30 UTC".
    public static func moment(_ date: Date, calendar: CalendarSystem, locale: AppLocale) -> String {
        let parts = CalendarSystem.gregorian.foundationCalendar.dateComponents([.hour, .minute], from: date)
        let time = "\((parts.hour ?? 0).zeroPadded(2)):\((parts.minute ?? 0).zeroPadded(2)) UTC"
        return day(date, calendar: calendar, locale: locale) + (locale.isRightToLeft ? "، " : ", ") + Numerals.localize(time, for: locale)
    }
}

extension CalendarDay {
    /// A Gregorian `YYYY-MM-DD`, as days are stored.
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(calendar: .gregorian, year: parts[0], month: parts[1], day: parts[2])
    }
}
