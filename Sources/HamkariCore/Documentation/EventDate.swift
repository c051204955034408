import Foundation

/// When something happened, as precisely as it is known: an exact day, a month, a season, a year,
/// or a range of days, entered in either calendar. Kept as the Gregorian first and last day it
/// covers (so filters and counts compare plain ISO dates) together with how it was entered.
public struct EventDate: Hashable, Sendable, Codable {
    public enum Precision: String, CaseIterable, Sendable, Codable {
        case day, month, season, year, range
    }

    public var precision: Precision
    /// The calendar the date was entered in, so it is shown back the way it was written.
    public var calendar: CalendarSystem
    public var first: CalendarDay
    public var last: CalendarDay

    public init(precision: Precision, calendar: CalendarSystem, first: CalendarDay, last: CalendarDay) {
        self.precision = precision
        self.calendar = calendar
        self.first = first
        self.last = last
    }

    public enum ParseError: Error, Equatable, Sendable {
        case empty
        case malformed
        case noSuchDay
        case endBeforeStart
    }

    /// Reads `1405-03-12`, `1405-03`, `1405-spring` (or `1405-S1`…`S4`), `1405`, or a range
    /// `1405-03-01..1405-03-15`, in `calendar`. Persian and Arabic digits are accepted.
    public static func parse(_ input: String, calendar: CalendarSystem) throws(ParseError) -> EventDate {
        let text = Numerals.asciiDigits(input).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw .empty }
        if let separator = text.range(of: "..") ?? text.range(of: "/") {
            let start = try parse(String(text[..<separator.lowerBound]), calendar: calendar)
            let end = try parse(String(text[separator.upperBound...]), calendar: calendar)
            guard start.firstISO <= end.lastISO else { throw .endBeforeStart }
            return EventDate(precision: .range, calendar: calendar, first: start.first, last: end.last)
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let year = Int(parts[0]), parts[0].count == 4 else { throw .malformed }
        switch parts.count {
        case 1:
            return try span(.year, calendar, year, months: 1...12)
        case 2:
            if let season = Season(parts[1]) {
                return try span(.season, calendar, year, months: season.months(in: calendar))
            }
            guard let month = Int(parts[1]), (1...12).contains(month) else { throw .malformed }
            return try span(.month, calendar, year, months: month...month)
        case 3:
            guard let month = Int(parts[1]), let day = Int(parts[2]) else { throw .malformed }
            let written = CalendarDay(calendar: calendar, year: year, month: month, day: day)
            guard let gregorian = written.converted(to: .gregorian) else { throw .noSuchDay }
            return EventDate(precision: .day, calendar: calendar, first: gregorian, last: gregorian)
        default:
            throw .malformed
        }
    }

    /// An exact day.
    public static func day(_ day: CalendarDay) -> EventDate? {
        guard let gregorian = day.converted(to: .gregorian) else { return nil }
        return EventDate(precision: .day, calendar: day.calendar, first: gregorian, last: gregorian)
    }

    private static func span(
        _ precision: Precision, _ calendar: CalendarSystem, _ year: Int, months: ClosedRange<Int>
    ) throws(ParseError) -> EventDate {
        // A northern winter (December to February) runs into the next Gregorian year.
        let endYear = months.upperBound > 12 ? year + 1 : year
        let endMonth = (months.upperBound - 1) % 12 + 1
        let start = CalendarDay(calendar: calendar, year: year, month: months.lowerBound, day: 1)
        guard let first = start.converted(to: .gregorian),
              let lastDay = Self.lastDay(calendar: calendar, year: endYear, month: endMonth),
              let last = lastDay.converted(to: .gregorian) else { throw .noSuchDay }
        return EventDate(precision: precision, calendar: calendar, first: first, last: last)
    }

    static func lastDay(calendar: CalendarSystem, year: Int, month: Int) -> CalendarDay? {
        for day in stride(from: 31, through: 28, by: -1) {
            let candidate = CalendarDay(calendar: calendar, year: year, month: month, day: day)
            if candidate.date != nil { return candidate }
        }
        return nil
    }

    public var firstISO: String { first.numeric }
    public var lastISO: String { last.numeric }

    /// Does this date share at least one day with `other`?
    public func overlaps(_ other: EventDate) -> Bool {
        firstISO <= other.lastISO && other.firstISO <= lastISO
    }

    /// The date written back in its own calendar, as a form or a CSV file takes it.
    public var entered: String {
        guard let start = first.converted(to: calendar), let end = last.converted(to: calendar) else { return firstISO }
        switch precision {
        case .day: return start.numeric
        case .month: return "\(start.year.zeroPadded(4))-\(start.month.zeroPadded(2))"
        case .year: return start.year.zeroPadded(4)
        case .season: return "\(start.year.zeroPadded(4))-\(Season.of(month: start.month, in: calendar).rawValue)"
        case .range: return "\(start.numeric)..\(end.numeric)"
        }
    }

    /// "12 Jawza 1405", "Jawza 1405", "1405", "spring 1405", "1 – 15 Jawza 1405", shown in `display` calendar.
    public func formatted(in locale: AppLocale, calendar display: CalendarSystem, seasonName: (Season) -> String) -> String {
        let shown = precision == .day || precision == .range ? display : calendar
        guard let start = first.converted(to: shown), let end = last.converted(to: shown) else { return firstISO }
        let text: String = switch precision {
        case .day: start.formatted(in: locale)
        case .month: "\(shown.monthName(start.month, in: locale)) \(start.year)"
        case .season: "\(seasonName(Season.of(month: start.month, in: shown))) \(start.year)"
        case .year: "\(start.year)"
        case .range: "\(start.formatted(in: locale)) – \(end.formatted(in: locale))"
        }
        return Numerals.localize(text, for: locale)
    }

    /// Seasons: in the Solar Hijri calendar the four quarters of the year (spring begins at Nowruz);
    /// in the Gregorian calendar the northern meteorological seasons (winter is December to February).
    public enum Season: String, CaseIterable, Sendable {
        case spring, summer, autumn, winter

        init?(_ text: String) {
            switch text.lowercased() {
            case "spring", "s1": self = .spring
            case "summer", "s2": self = .summer
            case "autumn", "fall", "s3": self = .autumn
            case "winter", "s4": self = .winter
            default: return nil
            }
        }

        func months(in calendar: CalendarSystem) -> ClosedRange<Int> {
            let index = Self.allCases.firstIndex(of: self)!
            return calendar == .solarHijri ? (index * 3 + 1)...(index * 3 + 3) : (index * 3 + 3)...(index * 3 + 5)
        }

        static func of(month: Int, in calendar: CalendarSystem) -> Season {
            let index = calendar == .solarHijri ? (month - 1) / 3 : ((month + 9) % 12) / 3
            return allCases[index]
        }
    }
}
