import Foundation
import Synchronization

/// Time-ordered UUIDs (RFC 9562 version 7): new rows land at the end of an index, which keeps
/// inserts local, and records made offline can later be merged without clashes.
public enum UUIDv7 {
    /// The last (milliseconds << 12 | counter) handed out by `make()` in this process.
    private static let last = Atomic<UInt64>(0)

    /// A new UUID, later than every one `make()` gave before in this process, even within one
    /// millisecond (RFC 9562 §6.2, method 1: a 12-bit counter in `rand_a`): rows keyed by it keep
    /// the order they were written in, as a chain of custody must.
    public static func make() -> UUID {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    /// The same, its random bits from `generator`: a bulk import gives a generator that draws from the
    /// system a block at a time, where the system generator makes one call per id.
    public static func make(using generator: inout some RandomNumberGenerator) -> UUID {
        let now = UInt64(max(0, Date().timeIntervalSince1970 * 1000)) << 12
        var stamp = last.load(ordering: .relaxed)
        while true {
            let next = max(now, stamp + 1)
            let (exchanged, original) = last.compareExchange(expected: stamp, desired: next, ordering: .relaxed)
            if exchanged {
                stamp = next
                break
            }
            stamp = original
        }
        return make(milliseconds: stamp >> 12, counter: UInt16(stamp & 0xFFF), using: &generator)
    }

    public static func make(at date: Date) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return make(at: date, using: &generator)
    }

    public static func make(at date: Date, using generator: inout some RandomNumberGenerator) -> UUID {
        make(milliseconds: UInt64(max(0, date.timeIntervalSince1970 * 1000)), counter: nil, using: &generator)
    }

    private static func make(milliseconds: UInt64, counter: UInt16?, using generator: inout some RandomNumberGenerator) -> UUID {
        // Whole 64-bit draws rather than a byte at a time: with a counter in bytes 6–7, one draw fills the rest.
        let random = generator.next()
        let versionAndCounter = 0x7000 | UInt64(counter ?? UInt16(truncatingIfNeeded: generator.next())) & 0x0FFF
        let high = milliseconds << 16 | versionAndCounter
        let low = random & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        func byte(_ value: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: value >> (56 - 8 * index)) }
        return UUID(uuid: (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6), byte(high, 7),
            byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)
        ))
    }
}
