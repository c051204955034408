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
    public static func records(in text: String) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var quotedFieldClosed = false
        var line = 1
        var recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil

        func endField() {
            fields.append(field)
            field = ""
            quotedFieldClosed = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }

        if text.hasPrefix("\u{FEFF}") { _ = characters.next() }
        while let character = pending ?? characters.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        quotedFieldClosed = true
                        pending = next
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case ",":
                endField()
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !quotedFieldClosed else {
                    throw CSVError(line: line, reason: "a quote inside an unquoted field")
                }
                inQuotes = true
            default:
                guard !quotedFieldClosed else {
                    throw CSVError(line: line, reason: "text after a closing quote")
                }
                field.append(character)
            }
        }
        if inQuotes { throw CSVError(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedFieldClosed { endRecord() }
        return records
    }
}
