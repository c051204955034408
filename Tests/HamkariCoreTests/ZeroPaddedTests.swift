import Foundation
import HamkariCore
import Testing

@Suite("Zero-padded numbers")
struct ZeroPaddedTests {
    @Test("Written as %0Nd writes them, signs and numbers wider than the width included",
          arguments: [0, 7, 42, 99, 100, 1405, 12345, -1, -42, -1405, Int.max, Int.min])
    func asPrintfWritesThem(value: Int) {
        for width in [0, 1, 2, 4, 6] {
            #expect(value.zeroPadded(width) == String(format: "%0\(width)ld", value), "\(value) in \(width)")
        }
    }
}

@Suite("A day's numeric form")
struct CalendarDayNumericTests {
    @Test("Written in place, it is the zero-padded form for every year, month and day, within the usual widths and beyond")
    func sameAsZeroPadded() {
        let years = [0, 1, 9, 10, 99, 100, 999, 1000, 1399, 1405, 2026, 9999, 10_000, 123_456, -1, -2026]
        for year in years {
            for (month, day) in [(1, 1), (5, 24), (9, 30), (12, 31), (0, 0), (99, 99), (100, 7), (3, -1)] {
                let expected = "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
                #expect(CalendarDay(calendar: .solarHijri, year: year, month: month, day: day).numeric == expected)
            }
        }
        #expect(CalendarDay(calendar: .gregorian, year: 2021, month: 8, day: 15).numeric == "2021-08-15")
    }
}
