import Foundation
import HamkariCore
import Testing

@Suite("Event dates in either calendar, exact or approximate")
struct EventDateTests {
    @Test("An exact Solar Hijri day is stored as its Gregorian day and written back as entered")
    func exactDay() throws {
        let date = try EventDate.parse("1405-03-12", calendar: .solarHijri)
        #expect(date.precision == .day)
        #expect(date.firstISO == "2026-06-02")
        #expect(date.lastISO == "2026-06-02")
        #expect(date.entered == "1405-03-12")
        #expect(try EventDate.parse("۱۴۰۵-۰۳-۱۲", calendar: .solarHijri) == date)
    }

    @Test("Month, season, year and range cover the days they name", arguments: [
        ("1405-03", CalendarSystem.solarHijri, "2026-05-22", "2026-06-21", EventDate.Precision.month),
        ("1405-spring", .solarHijri, "2026-03-21", "2026-06-21", .season),
        ("1404-winter", .solarHijri, "2025-12-22", "2026-03-20", .season),
        ("2025-winter", .gregorian, "2025-12-01", "2026-02-28", .season),
        ("1405", .solarHijri, "2026-03-21", "2027-03-20", .year),
        ("2024-02", .gregorian, "2024-02-01", "2024-02-29", .month),
        ("1405-01-01..1405-01-15", .solarHijri, "2026-03-21", "2026-04-04", .range),
    ])
    func spans(text: String, calendar: CalendarSystem, first: String, last: String, precision: EventDate.Precision) throws {
        let date = try EventDate.parse(text, calendar: calendar)
        #expect(date.firstISO == first)
        #expect(date.lastISO == last)
        #expect(date.precision == precision)
        #expect(try EventDate.parse(date.entered, calendar: calendar) == date, "round trip of \(text)")
    }

    @Test("Impossible or malformed dates are refused with a reason", arguments: [
        ("", EventDate.ParseError.empty), ("12-03-1405", .malformed), ("1405-13", .malformed), ("1405-07-31", .noSuchDay),
        ("2023-02-29", .noSuchDay), ("1405-03-15..1405-03-01", .endBeforeStart), ("1405-moon", .malformed),
    ])
    func refused(text: String, error: EventDate.ParseError) {
        let calendar: CalendarSystem = text.hasPrefix("2023") ? .gregorian : .solarHijri
        #expect(throws: error) { try EventDate.parse(text, calendar: calendar) }
    }

    @Test("Overlap and display in the reader's calendar")
    func overlapAndDisplay() throws {
        let spring = try EventDate.parse("1405-spring", calendar: .solarHijri)
        let june = try EventDate.parse("2026-06-01", calendar: .gregorian)
        let autumn = try EventDate.parse("1405-autumn", calendar: .solarHijri)
        #expect(spring.overlaps(june))
        #expect(!spring.overlaps(autumn))
        #expect(june.formatted(in: .dari, calendar: .solarHijri) { $0.rawValue } == "۱۱ جوزا ۱۴۰۵")
        #expect(spring.formatted(in: .english, calendar: .gregorian) { _ in "Spring" } == "Spring 1405")
    }
}
