import Foundation
import HamkariCore
import TestSupport
import Testing

@Suite("Boundaries: GeoJSON read, matched to P-codes, simplified")
struct BoundaryImportTests {
    static let square = GeoShape(polygons: [[
        [GeoPoint(longitude: 0, latitude: 0), GeoPoint(longitude: 4, latitude: 0), GeoPoint(longitude: 4, latitude: 4),
         GeoPoint(longitude: 0, latitude: 4), GeoPoint(longitude: 0, latitude: 0)],
        [GeoPoint(longitude: 1, latitude: 1), GeoPoint(longitude: 2, latitude: 1), GeoPoint(longitude: 2, latitude: 2),
         GeoPoint(longitude: 1, latitude: 2), GeoPoint(longitude: 1, latitude: 1)],
    ]])

    @Test("A point is inside an outer ring and outside its hole; the centre of a square is its middle")
    func containment() throws {
        #expect(Self.square.contains(GeoPoint(longitude: 3, latitude: 3)))
        #expect(!Self.square.contains(GeoPoint(longitude: 1.5, latitude: 1.5)), "in the hole")
        #expect(!Self.square.contains(GeoPoint(longitude: 5, latitude: 1)))
        let centre = try #require(Self.square.centre)
        #expect(abs(centre.longitude - 2) < 1e-9 && abs(centre.latitude - 2) < 1e-9)
    }

    @Test("Douglas–Peucker drops points within the tolerance and keeps the corners")
    func simplification() {
        // A square's sides with points that wobble by a thousandth of a degree.
        var ring: [GeoPoint] = []
        for step in 0..<40 { ring.append(GeoPoint(longitude: Double(step) / 10, latitude: step % 2 == 0 ? 0 : 0.001)) }
        for step in 0..<40 { ring.append(GeoPoint(longitude: 4, latitude: Double(step) / 10)) }
        ring += [GeoPoint(longitude: 4, latitude: 4), GeoPoint(longitude: 0, latitude: 4), ring[0]]
        let simplified = GeoShape(polygons: [[ring]]).simplified(tolerance: 0.01)
        let kept = simplified.polygons[0][0]
        #expect(kept.count == 5, "four corners and the closing point: \(kept.count)")
        #expect(Set(kept.map { [$0.longitude, $0.latitude] }) == [[0, 0], [4, 0], [4, 4], [0, 4]])
        #expect(kept.first == kept.last, "the ring stays closed")
        #expect(GeoShape(polygons: [[ring]]).simplified(tolerance: 0.0001).pointCount > 40, "a finer tolerance keeps the wobble")
    }

    @Test("geoBoundaries provinces: all 34 matched to OCHA P-codes through the gazetteer's centroids")
    func provinces() throws {
        let result = try BoundaryImport(units: BuiltInGazetteer.all, source: "test").run(try SharedData.data(SharedData.provinceBoundaries))
        #expect(result.level == .province)
        #expect(result.boundaries.count == 34 && result.unmatched.isEmpty)
        #expect(Set(result.boundaries.map(\.pcode)) == Set(BuiltInGazetteer.provinces.map(\.pcode)))
        #expect(result.pointsAfter < result.pointsBefore)
        let takhar = try #require(result.boundaries.first { $0.pcode == "AF18" })
        #expect(takhar.shape.contains(GeoPoint(longitude: 69.53, latitude: 36.73)), "Taloqan lies in Takhar")
        #expect(!takhar.shape.contains(GeoPoint(longitude: 69.17, latitude: 34.53)), "Kabul does not")
    }

    @Test("geoBoundaries districts: the north-east's 67 matched, each to the polygon the crosswalk names (its centroid inside); namesakes elsewhere left out")
    func districts() throws {
        let result = try BoundaryImport(units: BuiltInGazetteer.all, source: "test").run(try SharedData.data(SharedData.districtBoundaries))
        #expect(result.level == .district)
        #expect(result.boundaries.count == BuiltInGazetteer.districts.count)
        #expect(result.unmatched.count == 398 - BuiltInGazetteer.districts.count)
        let byPcode = Dictionary(uniqueKeysWithValues: result.boundaries.map { ($0.pcode, $0) })
        let rows = try CSVReader.records(in: try SharedData.text(SharedData.districtCrosswalk)).map(\.fields)
        var checked = 0
        for row in rows.dropFirst() where row.count > 7 {
            let point = GeoPoint(longitude: try #require(Double(row[7])), latitude: try #require(Double(row[6])))
            let boundary = try #require(byPcode[row[2]], "\(row[2]) \(row[3])")
            #expect(boundary.shape.contains(point), "\(row[2]) \(row[3]) holds the centroid of geoBoundaries' \(row[4])")
            checked += 1
        }
        #expect(checked == 67)
        #expect(result.pointsAfter * 10 < result.pointsBefore, "simplified for small pages: \(result.pointsBefore) → \(result.pointsAfter)")
    }

    @Test("A P-code in the properties wins; a name matches a unit without a centroid; a far namesake does not")
    func matching() throws {
        func feature(_ properties: String, _ square: (Double, Double)) -> String {
            let (x, y) = square
            return """
                {"type":"Feature","properties":{\(properties)},"geometry":{"type":"Polygon","coordinates":[[[\(x),\(y)],[\(x + 1),\(y)],[\(x + 1),\(y + 1)],[\(x),\(y + 1)],[\(x),\(y)]]]}}
                """
        }
        let units = [
            AdminUnit(pcode: "XX01", level: .province, parentPcode: "XXX", nameEnglish: "North", latitude: 10.5, longitude: 10.5, validFrom: "2020-01-01", source: "t"),
            AdminUnit(pcode: "XX02", level: .province, parentPcode: "XXX", nameEnglish: "South", validFrom: "2020-01-01", source: "t"),
            AdminUnit(pcode: "XX03", level: .province, parentPcode: "XXX", nameEnglish: "East", latitude: 40.5, longitude: 40.5, validFrom: "2020-01-01", source: "t"),
        ]
        let file = """
            {"type":"FeatureCollection","features":[\(feature("\"shapeName\":\"Anything\",\"shapeType\":\"ADM1\",\"ADM1_PCODE\":\"XX01\"", (0, 0))),\
            \(feature("\"shapeName\":\"South\",\"shapeType\":\"ADM1\"", (20, 20))),\(feature("\"shapeName\":\"East\",\"shapeType\":\"ADM1\"", (30, 30)))]}
            """
        let result = try BoundaryImport(units: units, source: "t").run(Data(file.utf8))
        #expect(result.boundaries.map(\.pcode) == ["XX01", "XX02"])
        #expect(result.unmatched == ["East"], "East's centroid is ten degrees away: another place of that name")
    }

    @Test("Bad files are refused with the reason", arguments: [
        ("not json", "not a GeoJSON FeatureCollection"),
        (#"{"type":"Feature"}"#, "its type is Feature"),
        (#"{"type":"FeatureCollection","features":[]}"#, "no polygon features"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#, "no polygon features"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"shapeName":"A"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[2,2],[2,3],[1,2]]]}}]}"#, "give --level"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"shapeType":"ADM1"},"geometry":{"type":"Polygon","coordinates":[[[500,2],[2,2],[2,3],[500,2]]]}}]}"#, "not a longitude and latitude"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"shapeType":"ADM1"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[2,2],[2,3],[1,2]]]}},{"type":"Feature","properties":{"shapeType":"ADM2"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[2,2],[2,3],[1,2]]]}}]}"#, "mixes provinces and districts"),
        (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"shapeType":"ADM1","shapeName":"Atlantis"},"geometry":{"type":"Polygon","coordinates":[[[-30,0],[-29,0],[-29,1],[-30,0]]]}}]}"#, "No feature of the file matched"),
    ])
    func refused(file: String, reason: String) {
        #expect {
            _ = try BoundaryImport(units: BuiltInGazetteer.all, source: "t").run(Data(file.utf8))
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}
