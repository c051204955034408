import Foundation

/// Invented evidence files in formats other tools open: interview transcripts (UTF-8 text) and
/// recordings (16-bit mono PCM WAV, 8 kHz, a quiet tone). Sizes rotate through a few steps so a
/// benchmark stores small and chunked files alike. Deterministic for a seed.
public struct DemoEvidence: Sendable {
    public struct File: Sendable {
        public let filename: String
        public let mediaType: String
        public let bytes: Data
    }

    /// Recording sizes in bytes: one chunk, a few chunks, and several (chunks are 1 MiB).
    public static let recordingSizes = [48 << 10, 640 << 10, 2_500 << 10]

    public var words: [String]

    public init(words: [String] = DemoEvents.builtInWords) {
        self.words = words.isEmpty ? DemoEvents.builtInWords : words
    }

    /// The `index`th file: every third one a transcript, the others recordings of rotating sizes.
    public func file(_ index: Int, seed: UInt64) -> File {
        var generator = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        if index % 3 == 0 {
            let lines = (0..<60).map { _ in (0..<12).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ") }
            return File(filename: "interview-\(index + 1).txt", mediaType: "text/plain; charset=utf-8",
                        bytes: Data(("Interview transcript (invented)\n" + lines.joined(separator: "\n") + "\n").utf8))
        }
        let size = Self.recordingSizes[(index / 3 + index) % Self.recordingSizes.count]
        return File(filename: "recording-\(index + 1).wav", mediaType: "audio/wav", bytes: Self.wave(bytes: size, generator: &generator))
    }

    /// A valid WAV file of about `bytes` bytes: a RIFF header, then a tone with a little noise.
    static func wave(bytes: Int, generator: inout SeededGenerator) -> Data {
        let sampleRate: UInt32 = 8000
        let samples = max(1, (bytes - 44) / 2)
        var data = Data(capacity: 44 + samples * 2)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8))
        append(UInt32(36 + samples * 2))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append(UInt32(16))
        append(UInt16(1))
        append(UInt16(1))
        append(sampleRate)
        append(sampleRate * 2)
        append(UInt16(2))
        append(UInt16(16))
        data.append(contentsOf: Array("data".utf8))
        append(UInt32(samples * 2))
        let pitch = 180 + Double(generator.next() % 240)
        for sample in 0..<samples {
            let tone = sin(2 * Double.pi * pitch * Double(sample) / Double(sampleRate)) * 1500
            let noise = Double(Int(generator.next() % 401) - 200)
            append(Int16(tone + noise))
        }
        return data
    }
}
