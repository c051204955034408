import Foundation
import HamkariCore
import Testing

@Suite("Time-ordered UUIDs")
struct UUIDv7Tests {
    @Test("Version 7 with the RFC 9562 variant")
    func shape() {
        let text = UUIDv7.make().uuidString
        let characters = Array(text)
        #expect(characters[14] == "7")
        #expect("89AB".contains(characters[19]))
    }

    @Test("Later UUIDs sort after earlier ones")
    func ordering() {
        let earlier = UUIDv7.make(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = UUIDv7.make(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(earlier.uuidString < later.uuidString)
    }

    @Test("Many UUIDs made at once are distinct")
    func distinct() {
        let now = Date()
        #expect(Set((0..<1000).map { _ in UUIDv7.make(at: now) }).count == 1000)
    }

    @Test("Made one after another, even within a millisecond, they sort in the order they were made")
    func monotonic() {
        let made = (0..<10_000).map { _ in UUIDv7.make().uuidString.lowercased() }
        #expect(made == made.sorted() && Set(made).count == made.count)
        let stamp = made.last.map { String($0.replacingOccurrences(of: "-", with: "").prefix(12)) }.flatMap { UInt64($0, radix: 16) } ?? 0
        #expect(abs(Double(stamp) / 1000 - Date().timeIntervalSince1970) < 60, "the time in it is the time it was made")
    }

    @Test("The bits that are not time or counter are random: rand_a when made for a date, rand_b always")
    func randomBits() {
        let now = Date()
        let forDate: [[UInt8]] = (0..<200).map { _ in Self.bytes(UUIDv7.make(at: now)) }
        let randA = Set(forDate.map { UInt16($0[6] & 0x0F) << 8 | UInt16($0[7]) })
        #expect(randA.count > 150)
        let inOrder: [[UInt8]] = (0..<200).map { _ in Self.bytes(UUIDv7.make()) }
        #expect(Set(inOrder.map { Array($0[9...]) }).count == 200)
        #expect(Set(inOrder.map { $0[8] & 0x3F }).count > 20)
    }

    /// Always the same draw: the layout of every field can be read off exactly.
    struct ConstantGenerator: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 { value }
    }

    @Test("Time, version, rand_a and variant sit where RFC 9562 puts them")
    func layout() {
        var ones = ConstantGenerator(value: .max)
        let id = UUIDv7.make(at: Date(timeIntervalSince1970: 1_780_000_000.5), using: &ones)
        #expect(id.text == "019e7044-89f4-7fff-bfff-ffffffffffff")
        var zeros = ConstantGenerator(value: 0)
        #expect(UUIDv7.make(at: Date(timeIntervalSince1970: 0), using: &zeros).text == "00000000-0000-7000-8000-000000000000")
    }

    @Test("Made with a given generator, ids take their random bits from it, and stay distinct and in order even when it repeats")
    func givenGenerator() {
        var first = SeededGenerator(seed: 9)
        var second = SeededGenerator(seed: 9)
        let made = (0..<500).map { _ in UUIDv7.make(using: &first) } + (0..<500).map { _ in UUIDv7.make(using: &second) }
        #expect(zip(made[..<500], made[500...]).allSatisfy { Array(Self.bytes($0)[9...]) == Array(Self.bytes($1)[9...]) })
        let texts = made.map(\.text)
        #expect(texts == texts.sorted() && Set(texts).count == texts.count)
        #expect(made.allSatisfy { Self.bytes($0)[6] >> 4 == 7 && Self.bytes($0)[8] >> 6 == 2 })
    }

    static func bytes(_ id: UUID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid) { Array($0) }
    }
}
