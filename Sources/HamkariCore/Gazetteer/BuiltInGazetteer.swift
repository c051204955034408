/// The gazetteer every new instance starts with: Afghanistan's 34 provinces and the districts of
/// the north-east, where the first network works. Other districts arrive with `gazetteer import`.
public enum BuiltInGazetteer {
    public static let country = "AFG"
    public static let validFrom = "2021-11-17"
    public static let source = "OCHA COD-AB Afghanistan P-codes (built in)"

    struct Row {
        let pcode: String
        let english: String
        let dari: String
        let latitude: Double
        let longitude: Double

        init(_ pcode: String, _ english: String, _ dari: String, _ latitude: Double, _ longitude: Double) {
            self.pcode = pcode
            self.english = english
            self.dari = dari
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public static let provinces: [AdminUnit] = provinceRows.map { unit($0, level: .province, parent: country) }

    public static let districts: [AdminUnit] = northEastDistrictRows.map {
        unit($0, level: .district, parent: String($0.pcode.prefix(4)))
    }

    public static var all: [AdminUnit] { provinces + districts }

    private static func unit(_ row: Row, level: AdminUnit.Level, parent: String) -> AdminUnit {
        AdminUnit(
            pcode: row.pcode, level: level, parentPcode: parent, nameEnglish: row.english,
            nameDari: row.dari.isEmpty ? nil : row.dari, latitude: row.latitude, longitude: row.longitude,
            validFrom: validFrom, source: source
        )
    }
}
