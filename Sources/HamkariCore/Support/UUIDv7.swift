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
        var generator = SystemRandomNumberGenerator()
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
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        // Whole 64-bit draws rather than a byte at a time: each draw from the system generator is a
        // system call. With a counter in bytes 6–7, one draw fills the rest.
        let low = generator.next()
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * (index - 8)))
        }
        if let counter {
            bytes[6] = UInt8(counter >> 8)
            bytes[7] = UInt8(truncatingIfNeeded: counter)
        } else {
            let high = generator.next()
            bytes[6] = UInt8(truncatingIfNeeded: high)
            bytes[7] = UInt8(truncatingIfNeeded: high >> 8)
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }
}
