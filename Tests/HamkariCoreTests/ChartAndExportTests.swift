import Foundation
import HamkariCore
import Testing

@Suite("Charts drawn on the server, months in either calendar, HXL exports")
struct ChartAndExportTests {
    @Test("Days fall into Solar Hijri months; months with nothing are zero")
    func months() {
        let months = MonthBuckets.months([("2026-03-20", 1), ("2026-03-21", 2), ("2026-05-30", 4)], in: .solarHijri)
        #expect(months.map(\.month.key) == ["1404-12", "1405-01", "1405-02", "1405-03"])
        #expect(months.map(\.count) == [1, 2, 0, 4])
        #expect(MonthBuckets.months([("2026-03-20", 1), ("2026-03-21", 2)], in: .gregorian).map(\.count) == [3])
        #expect(MonthBuckets.months([("not a day", 3)], in: .gregorian).isEmpty)
        #expect(MonthBuckets.Month(key: "1405-02") == MonthBuckets.Month(year: 1405, month: 2) && MonthBuckets.Month(key: "1405") == nil)
    }

    /// How many times the series' lines start afresh ("M" in their paths; the gridlines' path aside).
    static func seriesMoves(_ svg: String) -> Int {
        let paths = svg.components(separatedBy: "<path d=\"").dropFirst().map { $0.prefix { $0 != ">" } }
        return paths.filter { !$0.contains("stroke=\"#ddd\"") }.map { $0.prefix { $0 != "\"" }.filter { $0 == "M" }.count }.reduce(0, +)
    }

    @Test("Gridlines are one path, a move and a line for each; bars of one series untitled (the table says it), of several titled with their series")
    func gridlinesAndBarTitles() throws {
        let svg = SVGChart(kind: .bar, title: "t", description: "d", labels: ["Takhar", "Kunduz"],
                           series: [SVGChart.Series(name: "Events", values: [40, 7])], rightToLeft: false).render()
        let grid = try #require(svg.components(separatedBy: "<path d=\"").dropFirst().first { $0.hasPrefix("M") && $0.contains("stroke=\"#ddd\"") })
        let moves = grid.prefix { $0 != "\"" }
        #expect(moves.filter { $0 == "M" }.count == 5 && moves.filter { $0 == "H" }.count == 5, "0, 10, 20, 30, 40")
        #expect(!svg.contains("<line"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2 && !svg.contains("</rect>") && !svg.contains("Events"))
        let grouped = SVGChart(kind: .bar, title: "t", description: "d", labels: ["Takhar"],
                               series: [SVGChart.Series(name: "opened", values: [4]), SVGChart.Series(name: "closed", values: [3])], rightToLeft: false).render()
        #expect(grouped.contains("<title>Takhar · opened: 4</title></rect>") && grouped.contains("<title>Takhar · closed: 3</title></rect>"))
    }

    @Test("A chart has its title and description, the reader's digits, a mark for what is held back; right to left runs from the right")
    func chart() throws {
        func chart(rtl: Bool) -> String {
            SVGChart(kind: .bar, title: "رویدادها <ماه>", description: "مجموع: ۴۲", labels: ["حمل", "ثور"],
                     series: [SVGChart.Series(name: "رویدادها", values: [40, nil])], rightToLeft: rtl,
                     number: { Numerals.format($0, for: .dari) }).render()
        }
        let left = chart(rtl: false), right = chart(rtl: true)
        #expect(left.hasPrefix("<svg") && left.contains("role=\"img\"") && left.contains("<title id="))
        #expect(left.contains("رویدادها &lt;ماه&gt;") && left.contains("<desc id="))
        #expect(left.contains("۴۰") && !left.contains(">40<"), "digits in the reader's script")
        #expect(left.contains(">*</text>"), "the held-back month is marked, not drawn")
        func firstBarX(_ svg: String) throws -> Double {
            let range = try #require(svg.range(of: "<rect x=\""))
            return Double(svg[range.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        #expect(try firstBarX(right) > firstBarX(left), "the first month stands at the right on a right-to-left page")
        #expect(chart(rtl: true) == right, "the same chart is the same bytes")
        for colour in SVGChart.palette.prefix(2) { #expect(!colour.isEmpty) }
        let stacked = SVGChart(kind: .stackedBar, title: "t", description: "d", labels: ["child", "adult"],
                               series: [SVGChart.Series(name: "female", values: [3, 4]), SVGChart.Series(name: "male", values: [5, 6])],
                               rightToLeft: false).render()
        #expect(stacked.components(separatedBy: "<rect").count - 1 == 4 + 2, "four bars and two legend keys")
        let line = SVGChart(kind: .line, title: "t", description: "d", labels: ["1", "2", "3"],
                            series: [SVGChart.Series(name: "opened", values: [1, nil, 3])], rightToLeft: false).render()
        #expect(Self.seriesMoves(line) == 2, "a held-back month breaks the line")
        #expect(line.components(separatedBy: "<circle").count - 1 == 2, "few points: a dot on each")
        var many: [Int?] = Array(1...40)
        many[30] = nil
        many[32] = nil
        let long = SVGChart(kind: .line, title: "t", description: "d", labels: many.indices.map(String.init),
                            series: [SVGChart.Series(name: "events", values: many)], rightToLeft: false).render()
        #expect(long.components(separatedBy: "<circle").count - 1 == 1, "many points: a dot only on the one no line reaches (month 32)")
        #expect(long.contains("<circle cx=") && Self.seriesMoves(long) == 3)
        let bars = left.components(separatedBy: "<rect").dropFirst()
        #expect(left.contains("<g fill=\"\(SVGChart.palette[0])\">") && !bars.isEmpty && bars.allSatisfy { !$0.prefix { $0 != ">" }.contains("fill=") },
                "one series: its colour once, on the group")
    }

    @Test("HXL export: the header, a row of hashtags, held-back figures left empty, and the totals")
    func hxl() {
        let shown = DisclosureControl().protect(CountTable([("AF1801", 12), ("AF1808", 3), ("AF1810", 20)]))
        let csv = AggregateExport.csv(shown, named: "by_district", hxl: true)
        #expect(csv == "key,count\r\n#adm2+code,#event+num\r\nAF1801,\r\nAF1808,\r\nAF1810,20\r\ntotal,35\r\n")
        let victims = AggregateExport.csv(ShownTable(unsuppressed: CountTable(rows: ["female"], columns: ["child", "adult"], counts: [[3, 9]])),
                                          named: "victims", hxl: true)
        #expect(victims.contains("#affected+sex,#affected+children,#affected+adults,#affected+total"))
        #expect(victims.contains("female,3,9,12"))
        #expect(!AggregateExport.csv(shown, named: "by_district", hxl: false).contains("#"))
    }
}
