/// Reads RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks.
/// Each record remembers the line it starts on, so an import can name the line it rejects.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
}

public struct CSVError: Error, Equatable, Sendable {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

public enum CSVReader {
    /// Reads the bytes, not the characters: every mark that shapes CSV is ASCII, and a UTF-8 byte
    /// below 0x80 never occurs inside another character, so fields are cut as byte runs and each
    /// is decoded once (a large import was spending its time on grapheme clusters).
    public static func records(in text: String) throws(CSVError) -> [CSVRecord] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quotedFieldClosed = false
        var line = 1
        var recordLine = 1

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quotedFieldClosed = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }

        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                        quotedFieldClosed = true
                    }
                } else {
                    if byte == newline { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case comma:
                endField()
            case newline, carriageReturn:
                if byte == carriageReturn, index < bytes.count, bytes[index] == newline { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            case quote:
                guard field.isEmpty, !quotedFieldClosed else {
                    throw CSVError(line: line, reason: "a quote inside an unquoted field")
                }
                inQuotes = true
            default:
                guard !quotedFieldClosed else {
                    throw CSVError(line: line, reason: "text after a closing quote")
                }
                field.append(byte)
            }
        }
        if inQuotes { throw CSVError(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedFieldClosed { endRecord() }
        return records
    }
}
