import Foundation
import HamkariCore
import Testing

@Suite("Maps drawn as SVG: choropleth, proportional symbols, held-back areas")
struct SVGMapTests {
    static func square(_ x: Double, _ y: Double) -> GeoShape {
        GeoShape(polygons: [[[GeoPoint(longitude: x, latitude: y), GeoPoint(longitude: x + 1, latitude: y), GeoPoint(longitude: x + 1, latitude: y + 1),
                               GeoPoint(longitude: x, latitude: y + 1), GeoPoint(longitude: x, latitude: y)]]])
    }

    static let areas = [
        SVGMap.Area(pcode: "A", name: "Alpha", value: 100, shape: square(68, 36), centre: nil),
        SVGMap.Area(pcode: "B", name: "Bravo", value: 1, shape: square(69, 36), centre: nil),
        SVGMap.Area(pcode: "C", name: "Charlie", value: nil, shape: square(70, 36), centre: nil),
        SVGMap.Area(pcode: "D", name: "Delta", value: 0, shape: square(71, 36), centre: nil),
    ]

    @Test("A choropleth shades each area by its class, hatches the held back, names every area and its figure")
    func choropleth() {
        let map = SVGMap(style: .choropleth, title: "Events by province", description: "Total 101", areas: Self.areas, rightToLeft: false,
                         heldBackLabel: "held back")
        let svg = map.render()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=") && svg.contains("<desc id="))
        #expect(svg.contains("fill=\"\(SVGMap.classColours.last!)\"><title>Alpha: 100</title>"), "the largest is darkest")
        #expect(svg.contains("fill=\"\(SVGMap.classColours.first!)\"><title>Bravo: 1</title>"), "the smallest is lightest")
        #expect(svg.contains("><title>Charlie: held back</title>") && svg.contains("fill=\"url(#"), "held back is hatched, never shaded")
        #expect(svg.contains("fill=\"#f2f2f2\"><title>Delta: 0</title>"))
        #expect(svg.contains(">81–100<") && svg.contains(">held back<"), "the legend says each class")
        #expect(!svg.contains("<circle"))
        #expect(!svg.contains("href") && svg.components(separatedBy: "http").count == 2, "nothing linked: only the SVG namespace")
    }

    @Test("Proportional symbols: circle area in proportion to the figure; symbols at centroids where there are no outlines")
    func symbols() throws {
        let map = SVGMap(style: .symbols, title: "t", description: "d", areas: Self.areas, rightToLeft: false, heldBackLabel: "held back")
        let svg = map.render()
        let radii = try ["Alpha: 100", "Bravo: 1"].map { name -> Double in
            let circle = try #require(svg.components(separatedBy: "<circle").first { $0.contains("<title>\(name)</title></circle>") })
            let value = try #require(circle.components(separatedBy: "r=\"").dropFirst().first?.split(separator: "\"").first)
            return try #require(Double(value))
        }
        #expect(radii == [22, 2.2], "a hundred times the figure, √100 = ten times the radius")
        #expect(!svg.contains("<title>Delta: 0</title></circle>"), "no circle for zero")
        #expect(svg.contains("<title>Charlie: held back</title></circle>"))

        let centroids = Self.areas.map { SVGMap.Area(pcode: $0.pcode, name: $0.name, value: $0.value, shape: nil, centre: $0.shape?.centre) }
        let bare = SVGMap(style: .choropleth, title: "t", description: "d", areas: centroids, rightToLeft: false, heldBackLabel: "held back")
        #expect(!bare.hasOutlines)
        #expect(bare.render().contains("<circle") && !bare.render().contains("<path"), "without boundaries, symbols whatever was asked")
    }

    @Test("Right to left: the legend runs from the right, the geography is not mirrored")
    func rightToLeft() {
        let leftToRight = SVGMap(style: .choropleth, title: "t", description: "d", areas: Self.areas, rightToLeft: false, heldBackLabel: "x").render()
        let rightToLeft = SVGMap(style: .choropleth, title: "t", description: "d", areas: Self.areas, rightToLeft: true, heldBackLabel: "x").render()
        func paths(_ svg: String) -> [String] { svg.components(separatedBy: "<path d=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) } }
        #expect(paths(leftToRight) == paths(rightToLeft))
        #expect(rightToLeft.contains("text-anchor=\"end\"") && !leftToRight.contains("text-anchor=\"end\""))
    }

    @Test("A district map holds the districts of the chosen province, else of the provinces with figures; missing rows are zero")
    func areasInScope() throws {
        let table = ShownTable(unsuppressed: CountTable([(key: "AF1801", count: 6), (key: "AF1902", count: 2)]))
        let all = MapAreas.areas(of: table, level: .district, units: BuiltInGazetteer.all, boundaries: [:], province: nil) { $0.nameEnglish }
        #expect(Set(all.map { String($0.pcode.prefix(4)) }) == ["AF18", "AF19"])
        #expect(all.first { $0.pcode == "AF1801" }?.value == 6 && all.first { $0.pcode == "AF1802" }?.value == 0)
        #expect(all.allSatisfy { $0.centre != nil && $0.shape == nil })
        let takhar = MapAreas.areas(of: table, level: .district, units: BuiltInGazetteer.all, boundaries: [:], province: "AF18") { $0.nameEnglish }
        #expect(takhar.count == BuiltInGazetteer.districts.filter { $0.parentPcode == "AF18" }.count)
        let provinces = MapAreas.areas(of: ShownTable(unsuppressed: CountTable([(key: "AF18", count: 3)])), level: .province,
                                       units: BuiltInGazetteer.all, boundaries: [:], province: nil) { $0.nameEnglish }
        #expect(provinces.count == 34)
    }
}
