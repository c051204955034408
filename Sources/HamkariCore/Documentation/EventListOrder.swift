/// Where an event stands in lists: the newest event date first, then the most recently recorded;
/// undated events last. Written as one integer, the event's order key, so that a page of a list
/// walks one index and stops when it is full, and a word search walks its postings in list order
/// (on SQLite the key is the event's full-text row id) instead of sorting every match.
///
/// The key is the day of the event's first date (days since 0000-03-01 in the proleptic Gregorian
/// calendar, 0 for an undated event) in the high bits and the instance's sequence number of the
/// event in the low 32: unique, and a change of date moves an event by changing the high bits only.
public enum EventListOrder {
    static let sequenceBits: Int64 = 32

    public static func key(firstDayISO: String?, sequence: Int64) -> Int64 {
        (day(iso: firstDayISO) << sequenceBits) | (sequence & ((1 << sequenceBits) - 1))
    }

    /// The key of an event that keeps its sequence number but now has `firstDayISO` as its first day.
    public static func rekeyed(_ key: Int64, firstDayISO: String?) -> Int64 {
        self.key(firstDayISO: firstDayISO, sequence: key)
    }

    /// The lowest key of the day after `dayISO`: every event whose first day is `dayISO` or earlier
    /// (and every undated one) has a lower key. Nil for what is not a day.
    public static func firstKey(afterDayISO dayISO: String) -> Int64? {
        let day = day(iso: dayISO)
        return day == 0 ? nil : (day + 1) << sequenceBits
    }

    /// Days since 0000-03-01 of a Gregorian `YYYY-MM-DD` (the civil-from-days inverse, after
    /// H. Hinnant's algorithm); 0 for nothing or for what is not such a day.
    static func day(iso: String?) -> Int64 {
        guard let iso else { return 0 }
        let parts = iso.split(separator: "-").compactMap { Int64($0) }
        guard parts.count == 3, (1...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return 0 }
        let year = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let era = year / 400
        let yearOfEra = year - era * 400
        let monthFromMarch = (parts[1] + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + parts[2] - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra + 1
    }
}
