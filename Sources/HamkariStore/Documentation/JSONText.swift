import Foundation
import HamkariCore

/// JSON written straight into bytes, for the two shapes sealed with every event: its content and each
/// person's identity. `JSONEncoder` was a seventh of an import's preparation (a keyed container, a
/// tree of values, then the text); readers still decode it with `JSONDecoder`, and a test holds the two
/// writers to the same JSON.
struct JSONText {
    private(set) var bytes: [UInt8] = []
    private var fieldsInObject = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var data: Data { Data(bytes) }

    /// `{`, the fields `body` writes, `}`.
    mutating func object(_ body: (inout JSONText) throws -> Void) rethrows {
        let outer = fieldsInObject
        bytes.append(UInt8(ascii: "{"))
        fieldsInObject = 0
        try body(&self)
        bytes.append(UInt8(ascii: "}"))
        fieldsInObject = outer
    }

    mutating func field(_ key: String, _ value: String) {
        name(key)
        string(value)
    }

    /// Left out when nil, as `JSONEncoder` leaves out a nil optional.
    mutating func field(_ key: String, _ value: String?) {
        if let value { field(key, value) }
    }

    /// Refused when not finite, as `JSONEncoder` refuses it: JSON has no such numbers.
    mutating func field(_ key: String, _ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "\(key) is not a finite number"))
        }
        name(key)
        // Swift writes the shortest text that reads back as the same number, in a form JSON accepts.
        bytes += value.description.utf8
    }

    mutating func field(_ key: String, object body: (inout JSONText) throws -> Void) rethrows {
        name(key)
        try object(body)
    }

    private mutating func name(_ key: String) {
        if fieldsInObject > 0 { bytes.append(UInt8(ascii: ",")) }
        fieldsInObject += 1
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Quoted, with what JSON requires escaped: the quote, the backslash and the control characters.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A value sealed as JSON written by `JSONText` rather than by `JSONEncoder` (`Sealing.seal(json:)`).
protocol JSONTextWritable: Encodable {
    func write(to json: inout JSONText) throws
}

extension EventRecordWriter.Content: JSONTextWritable {
    func write(to json: inout JSONText) throws {
        try json.object { json in
            json.field("title", title)
            json.field("description", description)
            json.field("village", village)
            if let coordinates {
                try json.field("coordinates") { json in
                    try json.field("latitude", coordinates.latitude)
                    try json.field("longitude", coordinates.longitude)
                }
            }
        }
    }
}

extension PersonIdentity: JSONTextWritable {
    func write(to json: inout JSONText) throws {
        json.object { json in
            json.field("name", name)
            json.field("otherNames", otherNames)
            json.field("contact", contact)
            json.field("address", address)
        }
    }
}
