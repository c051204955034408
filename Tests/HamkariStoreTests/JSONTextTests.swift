import Foundation
import HamkariCore
@testable import HamkariStore
import Testing

@Suite("Sealed JSON written without JSONEncoder")
struct JSONTextTests {
    static let hostile = ["", "بازداشت خودسرانه معلم در تالقان", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab",
                          "\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}", "emoji 🕊️ and joiner 👩‍👩‍👧", "\u{2028}\u{2029}", "  spaces  ", "{\"not\": \"json\"}"]

    /// The same JSON: the same value decoded, and the same objects read by `JSONSerialization`.
    func expectSameJSON<Value: JSONTextWritable & Decodable & Equatable>(_ value: Value) throws {
        var text = JSONText(capacity: 16)
        try value.write(to: &text)
        let encoded = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(Value.self, from: text.data) == value)
        let written = try JSONSerialization.jsonObject(with: text.data) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
        #expect(written != nil && written == expected, "\(String(decoding: text.bytes, as: UTF8.self))")
    }

    @Test("An event's content, with and without village and place, hostile text and extreme numbers, reads as JSONEncoder's")
    func content() throws {
        for (index, text) in Self.hostile.enumerated() {
            let coordinates: [Coordinates?] = [nil, Coordinates(latitude: 36.7356, longitude: 69.5345), Coordinates(latitude: -0.0, longitude: 1e-05),
                                               Coordinates(latitude: 90, longitude: -180), Coordinates(latitude: .leastNonzeroMagnitude, longitude: .greatestFiniteMagnitude)]
            for place in coordinates {
                try expectSameJSON(EventRecordWriter.Content(title: text, description: Self.hostile.reversed()[index], village: index % 2 == 0 ? nil : text,
                                                             coordinates: place))
            }
        }
    }

    @Test("A person's identity, empty or hostile, reads as JSONEncoder's")
    func identity() throws {
        try expectSameJSON(PersonIdentity())
        for text in Self.hostile {
            try expectSameJSON(PersonIdentity(name: text, otherNames: "فاطمه", contact: "+93 700 000 000", address: text))
        }
    }

    @Test("A number JSON cannot hold is refused, as JSONEncoder refuses it")
    func notFinite() {
        for number in [Double.nan, .infinity, -.infinity] {
            let content = EventRecordWriter.Content(title: "t", description: "d", village: nil, coordinates: Coordinates(latitude: number, longitude: 1))
            var text = JSONText(capacity: 16)
            #expect(throws: EncodingError.self) { try content.write(to: &text) }
            #expect(throws: EncodingError.self) { try JSONEncoder().encode(content) }
        }
    }
}
