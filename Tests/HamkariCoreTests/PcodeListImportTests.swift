import HamkariCore
import TestSupport
import Testing

@Suite("OCHA P-code list import")
struct PcodeListImportTests {
    static let header = "Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date\n"

    @Test("OCHA's Afghanistan list reads as 34 provinces and 401 districts")
    func realList() throws {
        let units = try PcodeListImport.parse(try SharedData.text(SharedData.ochaPcodes), source: "test")
        #expect(units.filter { $0.level == .province }.count == 34)
        #expect(units.filter { $0.level == .district }.count == 401)
        let takhar = units.filter { $0.parentPcode == "AF18" }
        #expect(takhar.count == 17)
        #expect(units.first { $0.pcode == "AF1801" }?.nameEnglish == "Taloqan")
        #expect(units.allSatisfy { $0.validFrom == "2021-11-17" })
    }

    @Test("Bad files are refused with the line at fault", arguments: [
        ("", 1, "the file is empty"),
        ("Loc,Level\n", 1, "expected the columns"),
        (header, 1, "no rows"),
        (header + "AFG,1,AF18,Takhar,AFG,2021-11-17\nAFG,3,AF1801,Taloqan,AF18,2021-11-17\n", 3, "Admin Level \"3\""),
        (header + "AFG,1,AF18,Takhar,AFG,2021-11-17\nAFG,2,AF1801,Taloqan,AF18\n", 3, "expected 6 columns, found 5"),
        (header + "AFG,1,AF18,Takhar,AFG,2021-11-17\nAFG,1,AF18,Takhar again,AFG,2021-11-17\n", 3, "already appears on line 2"),
        (header + "AFG,1,af18,Takhar,AFG,2021-11-17\n", 2, "is not a P-code"),
        (header + "AFG,2,AF1901,Kunduz,AF18,2021-11-17\n", 2, "must have its province's P-code as parent"),
        (header + "AFG,1,AF18,Takhar,AFG,2021-02-30\n", 2, "is not a date"),
        (header + "AFG,1,AF18,,AFG,2021-11-17\n", 2, "the Name is empty"),
        (header + "AFG,1,AF18,Takhar,AF,2021-11-17\n", 2, "Parent P-Code must be the country"),
        (header + "Afghanistan,1,AF18,Takhar,AFG,2021-11-17\n", 2, "three-letter country code"),
        (header + "AFG,2,AF9901,Nowhere,AF99,2021-11-17\n", 2, "unknown province AF99"),
        (header + "AFG,1,AF18,\"Takhar,AFG,2021-11-17\n", 2, "never closed"),
    ])
    func refused(text: String, line: Int, reason: String) {
        do {
            _ = try PcodeListImport.parse(text, source: "test")
            Issue.record("expected the file to be refused")
        } catch {
            #expect(error.line == line)
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    @Test("A district may name a built-in province the file does not list")
    func districtOfBuiltInProvince() throws {
        let units = try PcodeListImport.parse(Self.header + "AFG,2,AF1818,New district,AF18,2024-01-01\n", source: "test")
        #expect(units.map(\.pcode) == ["AF1818"])
    }

    @Test("P-code shapes")
    func pcodeShape() {
        #expect(PcodeListImport.isPcode("AF18"))
        #expect(PcodeListImport.isPcode("AF1801"))
        #expect(!PcodeListImport.isPcode("AF"))
        #expect(!PcodeListImport.isPcode("af18"))
        #expect(!PcodeListImport.isPcode("AF18x"))
        #expect(!PcodeListImport.isPcode("AF۱۸"))
        #expect(!PcodeListImport.isPcode(String(repeating: "1", count: 40)))
    }
}
