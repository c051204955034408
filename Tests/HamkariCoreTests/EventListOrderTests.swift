import Foundation
import HamkariCore
import Testing

@Suite("Event list order")
struct EventListOrderTests {
    @Test("Day numbers count days: consecutive over month, leap-year and century ends, as Foundation counts them")
    func dayNumbers() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = try #require(calendar.date(from: DateComponents(year: 1899, month: 12, day: 20)))
        var previous: Int64?
        // Every 37th day across 140 years (and every day of 1900 and 2000 around February).
        let offsets = Array(stride(from: 0, to: 51_000, by: 37)) + Array(30...100) + Array(36_560...36_620)
        for offset in Set(offsets).sorted() {
            let date = try #require(calendar.date(byAdding: .day, value: offset, to: start))
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let iso = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let key = EventListOrder.key(firstDayISO: iso, sequence: 0) >> 32
            let base = EventListOrder.key(firstDayISO: "1899-12-20", sequence: 0) >> 32
            #expect(key - base == Int64(offset), "\(iso)")
            if let previous { #expect(key > previous) }
            previous = key
        }
    }

    @Test("A later date sorts higher; on one day the later recorded; undated events lowest; a new date keeps the sequence")
    func ordering() {
        let early = EventListOrder.key(firstDayISO: "2026-03-01", sequence: 9)
        let lateFirst = EventListOrder.key(firstDayISO: "2026-03-02", sequence: 1)
        let lateSecond = EventListOrder.key(firstDayISO: "2026-03-02", sequence: 2)
        let undated = EventListOrder.key(firstDayISO: nil, sequence: 1_000_000)
        #expect(early < lateFirst && lateFirst < lateSecond)
        #expect(undated < EventListOrder.key(firstDayISO: "0001-01-01", sequence: 0))
        #expect(EventListOrder.key(firstDayISO: "not a day", sequence: 3) == EventListOrder.key(firstDayISO: nil, sequence: 3))
        let moved = EventListOrder.rekeyed(early, firstDayISO: "2027-01-01")
        #expect(moved > lateSecond)
        #expect(moved & 0xFFFF_FFFF == 9)
        #expect(EventListOrder.rekeyed(moved, firstDayISO: "2026-03-01") == early)
        let bound = EventListOrder.firstKey(afterDayISO: "2026-03-01")!
        #expect(early < bound && bound < lateFirst && undated < bound)
        #expect(EventListOrder.firstKey(afterDayISO: "1405-13-40") == nil)
    }
}
