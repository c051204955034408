/// Text made safe inside HTML and XML, in element content and in quoted attribute values: `&`, `<`, `>`,
/// `"` and `'` become entities.
///
/// Byte by byte over UTF-8, never character by character: a quote followed by a combining mark is one
/// Swift `Character` that is not equal to `"`, so an escape that compares characters lets the quote
/// through, and a title such as `x"́ autofocus onfocus=…` would close an attribute and open another. The
/// five bytes never occur inside a multi-byte UTF-8 sequence, so replacing them leaves every other
/// character whole. Text without any of them — most titles and labels — is returned as it is.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 24)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes += ampersand
            case UInt8(ascii: "<"): bytes += lessThan
            case UInt8(ascii: ">"): bytes += greaterThan
            case UInt8(ascii: "\""): bytes += quote
            case UInt8(ascii: "'"): bytes += apostrophe
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)
}
