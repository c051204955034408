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
