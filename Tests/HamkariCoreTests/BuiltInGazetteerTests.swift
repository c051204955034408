import HamkariCore
import TestSupport
import Testing

@Suite("Built-in gazetteer")
struct BuiltInGazetteerTests {
    @Test("34 provinces, and the districts of the four north-eastern provinces")
    func counts() {
        #expect(BuiltInGazetteer.provinces.count == 34)
        let districts = Dictionary(grouping: BuiltInGazetteer.districts, by: \.parentPcode).mapValues(\.count)
        #expect(districts == ["AF18": 17, "AF19": 7, "AF09": 15, "AF17": 28])
    }

    @Test("P-codes are unique and every district's province exists")
    func consistency() {
        let all = BuiltInGazetteer.all
        #expect(Set(all.map(\.pcode)).count == all.count)
        let provinces = Set(BuiltInGazetteer.provinces.map(\.pcode))
        #expect(BuiltInGazetteer.districts.allSatisfy { provinces.contains($0.parentPcode) && $0.pcode.hasPrefix($0.parentPcode) })
    }

    @Test("Every unit has a Dari name in Persian letters and a centroid inside Afghanistan")
    func namesAndCentroids() {
        for unit in BuiltInGazetteer.all {
            let dari = unit.nameDari ?? ""
            #expect(!dari.isEmpty, "\(unit.pcode) has no Dari name")
            #expect(!dari.contains("ي") && !dari.contains("ك"), "\(unit.pcode) uses Arabic letter forms")
            #expect((29.0...38.6).contains(unit.latitude ?? 0), "\(unit.pcode) latitude")
            #expect((60.4...75.0).contains(unit.longitude ?? 0), "\(unit.pcode) longitude")
        }
    }

    @Test("Takhar is AF18 and Taloqan is AF1801, as in OCHA's list")
    func takhar() {
        let takhar = BuiltInGazetteer.provinces.first { $0.pcode == "AF18" }
        #expect(takhar?.nameEnglish == "Takhar")
        #expect(takhar?.nameDari == "تخار")
        #expect(BuiltInGazetteer.districts.first { $0.pcode == "AF1801" }?.name(in: .dari) == "تالقان")
    }

    @Test("Every built-in unit matches OCHA's list by P-code, English name and parent")
    func agreesWithOCHA() throws {
        let ocha = try PcodeListImport.parse(try SharedData.text(SharedData.ochaPcodes), source: "test")
        let byPcode = Dictionary(uniqueKeysWithValues: ocha.map { ($0.pcode, $0) })
        for unit in BuiltInGazetteer.all {
            let official = try #require(byPcode[unit.pcode], "\(unit.pcode) is not in OCHA's list")
            #expect(official.nameEnglish == unit.nameEnglish)
            #expect(official.parentPcode == unit.parentPcode)
        }
    }
}
