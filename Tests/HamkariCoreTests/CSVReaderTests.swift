import Foundation
import HamkariCore
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("Plain rows, quoted commas, doubled quotes and CRLF line ends")
    func basics() throws {
        let records = try CSVReader.records(in: "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("A quoted line break stays in the field, and later records keep their true line numbers")
    func multiline() throws {
        let records = try CSVReader.records(in: "h1,h2\n\"two\nlines\",x\nlast,row")
        #expect(records[1].fields == ["two\nlines", "x"])
        #expect(records[2].line == 4)
    }

    @Test("A byte-order mark and blank lines are ignored; a missing final newline is fine")
    func edges() throws {
        let records = try CSVReader.records(in: "\u{FEFF}a,b\n\n1,2")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(records[1].line == 3)
    }

    @Test("Empty fields are kept")
    func emptyFields() throws {
        #expect(try CSVReader.records(in: ",,\n").first?.fields == ["", "", ""])
    }

    @Test("Malformed quoting is an error with the line number")
    func malformed() {
        #expect(throws: CSVError(line: 2, reason: "a quoted field is never closed")) {
            try CSVReader.records(in: "a,b\n\"open,b\nc,d")
        }
        #expect(throws: CSVError(line: 1, reason: "a quote inside an unquoted field")) {
            try CSVReader.records(in: "ab\"c,d")
        }
        #expect(throws: CSVError(line: 1, reason: "text after a closing quote")) {
            try CSVReader.records(in: "\"ab\"c,d")
        }
    }

    @Test("Dari and Pashto fields, quoted and not, with CRLF, lone CR and a quoted CRLF, keep every character")
    func scripts() throws {
        let records = try CSVReader.records(in: "عنوان,توضیح\r\n\"بازداشت، معلم\",\"د ښوونځي\r\nښوونکی\"\rمی‌کند,✓\n")
        #expect(records.map(\.fields) == [["عنوان", "توضیح"], ["بازداشت، معلم", "د ښوونځي\r\nښوونکی"], ["می‌کند", "✓"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test("Trimming white space is Foundation's trimming of white space and new lines", arguments: [
        "  plain  ", "\t\nTaloqan\r\n", "\u{00A0}تخار\u{3000}", "\u{2028}x\u{2029}", "\u{0085}y\u{000B}\u{000C}", "",
        "   ", "می\u{200C}کند", "\u{FEFF}bom\u{FEFF}", "a b", "\u{2003}\u{202F}\u{205F}z\u{1680}",
        "Rostaq", "x", "k\t", " k", "a\u{00A0}", "\u{2003}a", "\u{7F}", "1405-02",
    ])
    func trimming(value: String) {
        #expect(value.trimmingWhiteSpace == value.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
