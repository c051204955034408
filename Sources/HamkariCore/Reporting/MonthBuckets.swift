import Foundation

/// Counts by day, gathered into the months of the reader's calendar (Solar Hijri months are not
/// Gregorian ones), with every month between the first and the last shown, empty ones as zero.
public enum MonthBuckets {
    public struct Month: Hashable, Sendable, Comparable {
        public var year: Int
        public var month: Int

        public init(year: Int, month: Int) {
            self.year = year
            self.month = month
        }

        /// `1405-02`.
        public var key: String { "\(year.zeroPadded(4))-\(month.zeroPadded(2))" }

        /// The month a `key` names; nil for anything else.
        public init?(key: String) {
            let parts = key.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            self.init(year: parts[0], month: parts[1])
        }

        public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

        var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }
    }

    /// `days`: Gregorian `YYYY-MM-DD` with their counts (in any order; days that do not parse are left out).
    public static func months(_ days: [(day: String, count: Int)], in calendar: CalendarSystem) -> [(month: Month, count: Int)] {
        var totals: [Month: Int] = [:]
        for (text, count) in days {
            guard let gregorian = CalendarDay(iso: text), let day = gregorian.converted(to: calendar) else { continue }
            totals[Month(year: day.year, month: day.month), default: 0] += count
        }
        guard let first = totals.keys.min(), let last = totals.keys.max() else { return [] }
        var months: [(Month, Int)] = []
        var month = first
        while month <= last {
            months.append((month, totals[month] ?? 0))
            month = month.next
        }
        return months
    }

    /// A table by month (`1405-02`) gathered into years (`1405`): a long period reads better by year,
    /// and fewer cells are small enough to be held back.
    public static func years(of months: CountTable) -> CountTable {
        var totals: [String: [Int]] = [:]
        for (index, key) in months.rows.enumerated() {
            let year = String(key.prefix { $0 != "-" })
            let row = months.counts[index]
            totals[year] = zip(totals[year] ?? Array(repeating: 0, count: row.count), row).map { $0 + $1 }
        }
        let years = totals.keys.sorted()
        return CountTable(rows: years, columns: months.columns, counts: years.map { totals[$0] ?? [] })
    }
}
