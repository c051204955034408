@testable import HamkariCore
import Testing

/// The reader as it was before it decoded fields straight from the text (a byte appended at a time):
/// kept here as the oracle the faster reader must agree with, record for record and error for error.
private enum ByteAtATimeCSVReader {
    static func records(in text: String) throws(CSVError) -> [CSVRecord] {
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
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
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
                guard field.isEmpty, !quotedFieldClosed else { throw CSVError(line: line, reason: "a quote inside an unquoted field") }
                inQuotes = true
            default:
                guard !quotedFieldClosed else { throw CSVError(line: line, reason: "text after a closing quote") }
                field.append(byte)
            }
        }
        if inQuotes { throw CSVError(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedFieldClosed { endRecord() }
        return records
    }
}

@Suite("CSV reader against the byte-at-a-time reader")
struct CSVReaderDifferentialTests {
    static func outcome(_ read: (String) throws(CSVError) -> [CSVRecord], _ text: String) -> Result<[CSVRecord], CSVError> {
        Result { () throws(CSVError) in try read(text) }
    }

    /// Texts made of what shapes CSV, in every order: quotes (lone and doubled), commas, both line ends,
    /// a byte-order mark, Dari letters and a joiner, and plain letters.
    @Test("Twenty thousand random texts give the same records, lines and errors")
    func agrees() {
        let pieces = ["\"", "\"\"", ",", "\n", "\r", "\r\n", "\u{FEFF}", "ب", "می\u{200C}کند", "a", "bc", " ", "✓", ",\"x\","]
        var generator = SeededGenerator(seed: 2026)
        var errors = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...24, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let expected = Self.outcome(ByteAtATimeCSVReader.records, text)
            #expect(Self.outcome(CSVReader.records, text) == expected, "\(text.debugDescription)")
            if case .failure = expected { errors += 1 }
        }
        #expect(errors > 1_000 && errors < 19_000, "both well-formed and malformed texts were tried")
    }

    @Test("A generated import file reads the same both ways")
    func wholeFile() throws {
        let rows = (0..<500).map { number in
            "\(number),\"عنوان \(number), \"\"نقل\"\"\",\"خط اول\r\nخط دوم\",plain text \(number),\"\",,x"
        }
        let text = "\u{FEFF}key,title,description,notes,empty,none,last\r\n" + rows.joined(separator: "\r\n") + "\n"
        let records = try CSVReader.records(in: text)
        #expect(records == (try ByteAtATimeCSVReader.records(in: text)))
        #expect(records.count == 501)
        #expect(records[1].fields[1] == "عنوان 0, \"نقل\"")
        #expect(records[2].line == 4)
    }
}
