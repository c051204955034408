import Foundation
import HamkariCore
import HamkariWeb
import HummingbirdTesting
import TestSupport
import Testing

/// Headless Chromium from Debian (`apt-get install chromium`), run on a copy of the page with its
/// stylesheet beside it; a script added to the copy measures the layout and writes it into the DOM,
/// which `--dump-dom` prints once the page has been laid out.
enum HeadlessChromium {
    static let path = ChromiumPrinter.locate()

    static func run(_ arguments: [String], in directory: URL) async throws -> String {
        let output = directory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        let chromium = try ChildProcess(try #require(path), arguments: [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--allow-file-access-from-files",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
        ] + arguments, output: .file(output.path))
        _ = await chromium.exit()
        return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }
}

@Suite("The dashboard in a real browser (headless Chromium)", .enabled(if: HeadlessChromium.path != nil, "needs Debian's chromium"))
struct DashboardBrowserTests {
    static let measure = """
        <script>
        const svg = document.querySelector('#by_act_type svg').getBoundingClientRect();
        const bars = Array.from(document.querySelectorAll('#by_act_type svg rect')).map(r => r.getBoundingClientRect()).filter(b => b.width > 0 && b.height > 0);
        document.body.setAttribute('data-layout', JSON.stringify({direction: getComputedStyle(document.body).direction, bars: bars.length,
          first: bars.length ? (bars[0].left - svg.left) / svg.width : -1, tables: document.querySelectorAll('table').length, width: svg.width}));
        </script>
        """

    /// Measures as a script would see it: the page's direction, drawings with a size, shapes drawn, tables.
    static let measureDrawings = """
        <script>
        const drawings = Array.from(document.querySelectorAll('svg')).map(s => s.getBoundingClientRect()).filter(b => b.width > 100 && b.height > 50);
        const shapes = Array.from(document.querySelectorAll('svg path, svg circle, svg rect')).filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; });
        document.body.setAttribute('data-layout', JSON.stringify({direction: getComputedStyle(document.body).direction, drawings: drawings.length,
          shapes: shapes.length, tables: document.querySelectorAll('table').length}));
        </script>
        """

    /// Lays `html` out in Chromium beside the stylesheet, returns what `measure` wrote, and takes a screenshot
    /// (kept in the temporary directory as `hamkari-NAME.png` for a person to look at after the run).
    static func layout(_ html: String, named name: String, measure: String, in directory: URL) async throws -> [String: Any] {
        let page = directory.appendingPathComponent("\(name).html")
        try html.replacingOccurrences(of: "href=\"/static/hamkari.css\"", with: "href=\"hamkari.css\"")
            .replacingOccurrences(of: "</body>", with: measure + "</body>").write(to: page, atomically: true, encoding: .utf8)
        let dom = try await HeadlessChromium.run(["--window-size=1100,1600", "--dump-dom", page.absoluteString], in: directory)
        let attribute = try #require(dom.range(of: "data-layout=\"").map { dom[$0.upperBound...].prefix { $0 != "\"" } })
        let json = String(attribute).replacingOccurrences(of: "&quot;", with: "\"")
        let layout = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let shot = directory.appendingPathComponent("\(name).png")
        _ = try await HeadlessChromium.run(["--window-size=1100,1600", "--screenshot=\(shot.path)", page.absoluteString], in: directory)
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a screenshot of a drawn page: \(name)")
        try? png.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-\(name).png"))
        return layout
    }

    static func withStylesheet(_ client: any TestClientProtocol, in directory: URL) async throws {
        try await client.execute(uri: "/static/hamkari.css", method: .get) { response async throws in
            try Data(buffer: response.body).write(to: directory.appendingPathComponent("hamkari.css"))
        }
    }

    @Test("Charts and tables lay out in English and in Dari; in Dari the page and the categories run right to left; screenshots taken")
    func dashboard() async throws {
        try await withTemporaryDirectory { directory async throws in
            try await withTestApplication(.sqlite) { client, session async throws in
                _ = try await DashboardTests.events(session)
                try await Self.withStylesheet(client, in: directory)
                var first: [String: Double] = [:]
                for locale in [AppLocale.english, .dari] {
                    let html = try await client.execute(uri: "/dashboard?statuses=all&lang=\(locale.tag)", method: .get, headers: session.pages) {
                        String(buffer: $0.body)
                    }
                    let layout = try await Self.layout(html, named: "dashboard-\(locale.tag)", measure: Self.measure, in: directory)
                    #expect(layout["direction"] as? String == locale.direction, "\(locale)")
                    #expect((layout["bars"] as? Int ?? 0) >= 2 && (layout["width"] as? Double ?? 0) > 300, "the chart has a size on screen: \(layout)")
                    #expect((layout["tables"] as? Int ?? 0) >= 6, "each figure has its table")
                    first[locale.tag] = layout["first"] as? Double ?? -1
                }
                #expect((first["en"] ?? 1) < 0.5 && (first["fa-AF"] ?? 0) > 0.5, "the first category stands left in English, right in Dari: \(first)")
            }
        }
    }

    @Test("The province map and a report lay out in English and in Dari: every province drawn, the report's charts and map on the page")
    func mapAndReport() async throws {
        try await withTemporaryDirectory { directory async throws in
            try await withTestApplication(.sqlite) { client, session async throws in
                _ = try await ReportTests.events(session)
                try await DashboardMapTests.importProvinces(session.store)
                try await Self.withStylesheet(client, in: directory)
                for locale in [AppLocale.english, .dari] {
                    let map = try await client.execute(uri: "/dashboard/map?level=province&statuses=all&lang=\(locale.tag)", method: .get,
                                                       headers: session.pages) { String(buffer: $0.body) }
                    let drawn = try await Self.layout(map, named: "map-\(locale.tag)", measure: Self.measureDrawings, in: directory)
                    #expect(drawn["direction"] as? String == locale.direction, "\(locale)")
                    #expect((drawn["drawings"] as? Int ?? 0) >= 1 && (drawn["shapes"] as? Int ?? 0) >= 34, "every province has a shape on screen: \(drawn)")
                    let report = try await client.execute(uri: "/reports/view?kind=general&lang=\(locale.tag)", method: .get,
                                                          headers: session.pages) { String(buffer: $0.body) }
                    let laidOut = try await Self.layout(report, named: "report-\(locale.tag)", measure: Self.measureDrawings, in: directory)
                    #expect(laidOut["direction"] as? String == locale.direction, "\(locale)")
                    #expect((laidOut["drawings"] as? Int ?? 0) >= 3 && (laidOut["shapes"] as? Int ?? 0) >= 34, "charts and the map drawn: \(laidOut)")
                    #expect((laidOut["tables"] as? Int ?? 0) >= 3, "\(laidOut)")
                }
            }
        }
    }
}
