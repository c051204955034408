/// Lower-case hexadecimal, without `String(format:)` (which costs a format parse per byte and
/// dominated the search-token path).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Array(bytes).withUnsafeBytes(encode)
    }

    /// Written straight into the string's storage: every search token is made this way.
    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { characters in
            for (index, byte) in bytes.enumerated() { write(byte, to: characters, at: 2 * index) }
            return bytes.count * 2
        }
    }

    /// Writes `byte`'s two digits at `position` of a string's storage being filled.
    static func write(_ byte: UInt8, to characters: UnsafeMutableBufferPointer<UInt8>, at position: Int) {
        characters[position] = digits[Int(byte >> 4)]
        characters[position + 1] = digits[Int(byte & 0x0F)]
    }
}
