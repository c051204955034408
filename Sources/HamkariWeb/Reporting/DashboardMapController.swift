import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Dashboard figures by place on a map drawn on the server: a choropleth where boundaries were
/// imported, proportional symbols at each area's centre always. The same filters and the same
/// disclosure control as the dashboard; the SVG alone for other tools and for reports.
struct DashboardMapController: Sendable {
    let dashboard: DashboardController
    var store: Store { dashboard.store }

    /// What a map request asks for beyond the dashboard's filters.
    struct Choice {
        var level: AdminUnit.Level
        var style: SVGMap.Style
        /// `events` (events by place) or `awareness` (participants of awareness sessions, by province).
        var figure: String

        init(level: AdminUnit.Level, style: SVGMap.Style, figure: String) {
            self.level = level
            self.style = style
            self.figure = figure
        }

        init(_ request: Request) throws {
            let parameters = request.uri.queryParameters
            func invalid(_ field: String) -> AppError {
                AppError.invalid([ValidationIssue(field: field, messageKey: "invalid_filter")], code: "invalid_query", messageKey: "error_invalid_query")
            }
            figure = parameters.get("figure") ?? "events"
            guard ["events", "awareness"].contains(figure) else { throw invalid("figure") }
            switch parameters.get("level") ?? "province" {
            case "province": level = .province
            case "district" where figure == "events": level = .district
            default: throw invalid("level")
            }
            guard let style = SVGMap.Style(rawValue: parameters.get("style") ?? "choropleth") else { throw invalid("style") }
            self.style = style
        }

        var table: String { figure == "awareness" ? "awareness" : level == .province ? "by_province" : "by_district" }
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/dashboard/map", .viewEvents) { request, context, identity in
            try await page(request, context, identity)
        }
        guarded.allowed(.get, "/api/v1/dashboard/map.svg", .viewEvents) { request, context, identity in
            let drawn = try await map(request, context, identity)
            return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: drawn.map.render())))
        }
    }

    struct Drawn {
        var map: SVGMap
        var asked: DashboardRequest
        var choice: Choice
        var table: ShownTable
    }

    func map(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> Drawn {
        let choice = try Choice(request)
        let (asked, figures) = try await dashboard.figures(request, context, identity)
        let (view, units) = try await dashboard.view(context)
        let shown = figures.shown(under: asked.control).first { $0.name == choice.table }?.table ?? ShownTable(unsuppressed: CountTable([]))
        let map = Self.map(shown, choice: choice, view: view, units: units,
                           boundaries: try await store.boundaries.boundaries(level: choice.level), province: asked.scope.query.provincePcode)
        return Drawn(map: map, asked: asked, choice: choice, table: shown)
    }

    static func map(_ table: ShownTable, choice: Choice, view: DashboardView, units: [AdminUnit], boundaries: [String: Boundary],
                    province: String?) -> SVGMap {
        let areas = MapAreas.areas(of: table, level: choice.level, units: units, boundaries: boundaries, province: province) {
            $0.name(in: view.locale)
        }
        let title = view.text("dashboard_\(choice.table)")
        let largest = areas.filter { $0.value != nil }.sorted { ($0.value ?? 0) > ($1.value ?? 0) }.prefix(3)
        let description = "\(view.text("total")): \(view.shown(table.total)). " + largest.map { "\($0.name): \(view.number($0.value ?? 0))" }.joined(separator: "; ")
        let style = areas.contains { $0.shape != nil } ? choice.style : .symbols
        return SVGMap(style: style, title: title, description: description, areas: areas, rightToLeft: view.locale.isRightToLeft,
                      heldBackLabel: view.text("map_held_back"), number: { [locale = view.locale] in Numerals.format($0, for: locale) })
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let (view, units) = try await dashboard.view(context)
        var values = dashboard.filterValues(request, context, units: units)
        let parameters = request.uri.queryParameters
        values["levels"] = ["province", "district"].map { ["value": $0, "label": view.text("map_level_\($0)"), "selected": (parameters.get("level") ?? "province") == $0] }
        values["styles"] = SVGMap.Style.allCases.map { ["value": $0.rawValue, "label": view.text("map_style_\($0.rawValue)"), "selected": (parameters.get("style") ?? "choropleth") == $0.rawValue] }
        values["figures"] = ["events", "awareness"].map { ["value": $0, "label": view.text("map_figure_\($0)"), "selected": (parameters.get("figure") ?? "events") == $0] }
        do {
            let drawn = try await map(request, context, identity)
            let map = drawn.map
            values["map"] = map.render()
            values["noBoundaries"] = !map.hasOutlines
            values["symbolsOnly"] = !map.hasOutlines && drawn.choice.style == .choropleth
            values["title"] = view.text("dashboard_\(drawn.choice.table)")
            values["rows"] = map.areas.sorted { ($0.value ?? -1) > ($1.value ?? -1) }.map { ["label": $0.name, "value": $0.value.map(view.number) ?? view.text("dashboard_suppressed_mark")] }
            values["total"] = view.shown(drawn.table.total)
            try await dashboard.fill(&values, drawn.asked, view, units: units, context: context, identity: identity)
        } catch let error as AppError {
            values["issues"] = error.issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
        }
        return dashboard.renderer.render("dashboard-map", title: view.text("map_title"), values: values, networkName: try await store.networkName(),
                                         request: request, context: context)
    }
}
