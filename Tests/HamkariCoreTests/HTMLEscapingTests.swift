import HamkariCore
import Testing

@Suite("HTML escaping, byte by byte")
struct HTMLEscapingTests {
    @Test("The five characters become entities; a combining mark after one does not hide it")
    func combiningMarks() {
        #expect(HTMLEscaping.escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        // Each of these is one Swift Character that is not equal to the mark it starts with.
        #expect(HTMLEscaping.escape("x\"\u{301} autofocus onfocus=alert(1) y=\"") == "x&quot;\u{301} autofocus onfocus=alert(1) y=&quot;")
        #expect(HTMLEscaping.escape("<\u{301}script>") == "&lt;\u{301}script&gt;")
        #expect(HTMLEscaping.escape("'\u{20DD}&\u{0651}") == "&#39;\u{20DD}&amp;\u{0651}")
    }

    @Test("Text without any of them comes back as it was: Dari, Pashto, Uzbek, emoji, controls")
    func untouched() {
        for text in ["", "بازداشت خودسرانه معلم در تالقان", "د ښځو حقونه", "Oʻzbekiston", "🕊️ 👩‍👩‍👧", "line\nbreak\ttab", "e\u{301}"] {
            #expect(HTMLEscaping.escape(text) == text)
        }
    }

    @Test("No escaped text keeps a raw mark, and undoing the entities gives the text back", arguments: [
        "\"\u{301}\"\u{301}", "&amp;", "<<>>", "a'b\"c<d>e&f", "فاطمه \"احمدی\" <کابل> & 'هرات'", "\u{0}\"\u{1}",
    ])
    func roundTrip(text: String) {
        let escaped = HTMLEscaping.escape(text)
        #expect(!escaped.utf8.contains { [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">")].contains($0) })
        #expect(Self.unescaped(escaped) == text)
    }

    /// Entities undone over bytes (Foundation's search compares characters, and `;` with a combining mark is one).
    static func unescaped(_ text: String) -> String {
        let entities = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")].map { (Array($0.utf8), Array($1.utf8)) }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var position = 0
        while position < bytes.count {
            if let (entity, mark) = entities.first(where: { bytes[position...].starts(with: $0.0) }) {
                out += mark
                position += entity.count
            } else {
                out.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
