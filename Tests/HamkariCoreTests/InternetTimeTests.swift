import Foundation
import HamkariCore
import Testing

@Test("Times are written in UTC to the second, as RFC 3339 writes them, whatever the fraction of a second")
func internetTime() {
    #expect(Date(timeIntervalSince1970: 1_780_000_000.75).internetTime == "2026-05-28T20:26:40Z")
    #expect(Date(timeIntervalSince1970: 0).internetTime == "1970-01-01T00:00:00Z")
}
