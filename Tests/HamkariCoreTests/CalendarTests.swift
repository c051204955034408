import Foundation
import HamkariCore
import Testing

@Suite("Calendars")
struct CalendarTests {
    static func gregorian(_ year: Int, _ month: Int, _ day: Int) -> Date {
        CalendarDay(calendar: .gregorian, year: year, month: month, day: day).date!
    }

    @Test("15 August 2021 is 24 Asad 1400")
    func fallOfKabul() {
        let day = CalendarDay(Self.gregorian(2021, 8, 15), in: .solarHijri)
        #expect(day == CalendarDay(calendar: .solarHijri, year: 1400, month: 5, day: 24))
    }

    @Test("Nowruz: 21 March 2026 is 1 Hamal 1405")
    func nowruz() {
        #expect(CalendarDay(Self.gregorian(2026, 3, 21), in: .solarHijri) == CalendarDay(calendar: .solarHijri, year: 1405, month: 1, day: 1))
        #expect(CalendarDay(Self.gregorian(2026, 3, 20), in: .solarHijri).year == 1404)
    }

    @Test("Days are written with the Afghan month names and the locale's digits")
    func formatting() {
        let day = CalendarDay(calendar: .solarHijri, year: 1400, month: 5, day: 24)
        #expect(day.formatted(in: .english) == "24 Asad 1400")
        #expect(day.formatted(in: .dari) == "۲۴ اسد ۱۴۰۰")
        #expect(day.formatted(in: .pashto) == "۲۴ زمری ۱۴۰۰")
        #expect(day.formatted(in: .uzbek) == "24 Asad 1400")
        let gregorian = CalendarDay(calendar: .gregorian, year: 2021, month: 8, day: 15)
        #expect(gregorian.formatted(in: .english) == "15 August 2021")
        #expect(gregorian.formatted(in: .dari) == "۱۵ اگست ۲۰۲۱")
        #expect(gregorian.formatted(in: .uzbek) == "15 avgust 2021")
    }

    @Test("Days that do not exist have no date", arguments: [
        CalendarDay(calendar: .solarHijri, year: 1400, month: 7, day: 31),
        CalendarDay(calendar: .solarHijri, year: 1400, month: 13, day: 1),
        CalendarDay(calendar: .gregorian, year: 2023, month: 2, day: 29),
        CalendarDay(calendar: .gregorian, year: 2023, month: 0, day: 10),
    ])
    func impossibleDays(day: CalendarDay) {
        #expect(day.date == nil)
    }

    @Test("Converting to the other calendar and back returns the same day")
    func roundTrip() throws {
        for offset in stride(from: 0, to: 3650, by: 37) {
            let date = Self.gregorian(2015, 1, 1).addingTimeInterval(Double(offset) * 86_400)
            let solar = CalendarDay(date, in: .solarHijri)
            let back = try #require(solar.converted(to: .gregorian))
            #expect(back == CalendarDay(date, in: .gregorian))
        }
    }

    @Test("Every calendar has twelve month names in every locale")
    func monthNames() {
        for calendar in CalendarSystem.allCases {
            for locale in AppLocale.allCases {
                let names = (1...12).map { calendar.monthName($0, in: locale) }
                #expect(Set(names).count == 12, "\(calendar) \(locale)")
            }
        }
    }

    @Test("Calendar tags are read leniently")
    func tags() {
        #expect(CalendarSystem(tag: "persian") == .solarHijri)
        #expect(CalendarSystem(tag: "solar-hijri") == .solarHijri)
        #expect(CalendarSystem(tag: "Gregorian") == .gregorian)
        #expect(CalendarSystem(tag: "julian") == nil)
    }
}
