import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The dashboard: figures over the records the reader may see, as a page with charts drawn on
/// the server, as JSON, and as CSV, JSON or HXL exports (audited). Partners, and anything asked
/// for publication, get the figures with small counts held back.
struct DashboardController: Sendable {
    let store: Store
    let renderer: PageRenderer
    let threshold: Int

    struct TableDocument: Encodable, Sendable {
        let rows: [String]
        let columns: [String]
        /// null where a figure is held back.
        let cells: [[Int?]]
        let rowTotals: [Int?]
        let columnTotals: [Int?]
        let total: Int?

        init(_ table: ShownTable) {
            rows = table.rows
            columns = table.columns
            cells = table.cells.map { $0.map(\.value) }
            rowTotals = table.rowTotals.map(\.value)
            columnTotals = table.columnTotals.map(\.value)
            total = table.total.value
        }
    }

    struct Document: Encodable, Sendable {
        let suppressed: Bool
        let threshold: Int?
        let publication: Bool
        let verifiedOnly: Bool
        let calendar: String
        let undated: Int?
        let tables: [String: TableDocument]
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/dashboard", .viewEvents) { request, context, identity in
            let (asked, figures) = try await figures(request, context, identity)
            let shown = figures.shown(under: asked.control)
            return JSONBody(value: Document(
                suppressed: asked.control != nil, threshold: asked.control?.threshold, publication: asked.scope.publicationOnly,
                verifiedOnly: asked.scope.query.status == .verified, calendar: context.calendar.rawValue,
                undated: Self.undated(figures.undated, under: asked.control),
                tables: Dictionary(uniqueKeysWithValues: shown.map { ($0.name, TableDocument($0.table)) })))
        }
        for path in ["/api/v1/dashboard/export", "/dashboard/export"] {
            guarded.allowed(.get, path, .exportEvents) { request, context, identity in
                try await export(request, context, identity)
            }
        }
        guarded.allowed(.get, "/dashboard", .viewEvents) { request, context, identity in
            try await page(request, context, identity)
        }
    }

    func figures(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> (DashboardRequest, DashboardFigures) {
        let asked = try DashboardRequest(request, context, identity, threshold: threshold)
        return (asked, try await store.statistics.figures(asked.scope))
    }

    static func undated(_ count: Int, under control: DisclosureControl?) -> Int? {
        guard let control, (1..<control.threshold).contains(count) else { return count }
        return nil
    }

    private func export(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> Response {
        let parameters = request.uri.queryParameters
        let format = parameters.get("format") ?? "csv"
        let name = parameters.get("table") ?? "by_month"
        guard ["csv", "json", "hxl"].contains(format) else {
            throw AppError.invalid([ValidationIssue(field: "format", messageKey: "invalid_filter")], code: "invalid_query", messageKey: "error_invalid_query")
        }
        let (asked, figures) = try await figures(request, context, identity)
        guard let table = figures.shown(under: asked.control).first(where: { $0.name == name })?.table else {
            throw AppError.invalid([ValidationIssue(field: "table", messageKey: "invalid_filter")], code: "invalid_query", messageKey: "error_invalid_query")
        }
        try await store.audit.append(AuditEvent(actor: identity.user.id.text, action: .aggregatesExported,
                                                target: "\(name) \(format)\(asked.control == nil ? "" : " suppressed")"))
        let body: Data
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            body = try encoder.encode(TableDocument(table))
        } else {
            body = Data(AggregateExport.csv(table, named: name, hxl: format == "hxl").utf8)
        }
        let stamp = CalendarDay(Date(), in: .gregorian).numeric
        let suffix = format == "hxl" ? "hxl.csv" : format
        return Response(status: .ok, headers: [
            .contentType: format == "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"hamkari-\(name)-\(stamp).\(suffix)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func page(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let (view, units) = try await self.view(context)
        var values = filterValues(request, context, units: units)
        do {
            let (asked, figures) = try await figures(request, context, identity)
            values["sections"] = figures.shown(under: asked.control).filter { !($0.name == "cases" && !asked.scope.includesCases) }
                .map { view.pageSection($0.table, named: $0.name, acrossProvinces: asked.scope.query.provincePcode == nil && asked.scope.query.districtPcode == nil) }
            values["undated"] = Self.undated(figures.undated, under: asked.control).map(view.number) ?? view.text("dashboard_suppressed_mark")
            try await fill(&values, asked, view, units: units, context: context, identity: identity)
        } catch let error as AppError {
            values["issues"] = error.issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
            values["sections"] = [[String: Any]]()
        }
        return renderer.render("dashboard", title: view.text("dashboard_title"), values: values, networkName: try await store.networkName(),
                               request: request, context: context)
    }

    func view(_ context: AppRequestContext) async throws -> (DashboardView, [AdminUnit]) {
        let units = try await store.gazetteer.all()
        return (DashboardView(localizer: renderer.localizer, locale: context.locale, calendar: context.calendar, units: units), units)
    }

    /// The filter form's values as the reader gave them, before anything is counted.
    func filterValues(_ request: Request, _ context: AppRequestContext, units: [AdminUnit]) -> [String: Any] {
        var values: [String: Any] = ["issues": [[String: Any]]()]
        let parameters = request.uri.queryParameters
        for name in ["from", "to"] { values[name] = parameters.get(name) ?? "" }
        values["publication"] = parameters.get("publication") == "true"
        values["allStatuses"] = parameters.get("statuses") == "all"
        values["query"] = request.uri.query ?? ""
        // The download form asks for the same figures: the filter travels in it, once for every table.
        values["exportFilters"] = parameters.filter { !["table", "format"].contains($0.key) }
            .map { ["name": String($0.key), "value": String($0.value)] }
        values["threshold"] = Numerals.format(threshold, for: context.locale)
        return values
    }

    /// The filter form's choices and the disclosure notice, once the request is understood.
    /// Districts are offered once a province is chosen (or a district, which names its province):
    /// the whole country's districts would be most of the page.
    func fill(_ values: inout [String: Any], _ asked: DashboardRequest, _ view: DashboardView, units: [AdminUnit],
              context: AppRequestContext, identity: SignedIn) async throws {
        let events = EventViewModel(localizer: renderer.localizer, context: context, units: units, organisations: try await store.organisations.all())
        values["suppressed"] = asked.control != nil
        values["threshold"] = view.number(asked.control?.threshold ?? threshold)
        let query = asked.scope.query
        values["provinceOptions"] = renderer.options(events.provinceOptions(selected: nil)).selecting(query.provincePcode)
        let province = query.provincePcode ?? query.districtPcode.flatMap { view.places[$0]?.parentPcode }
        values["districtOptions"] = province.map {
            renderer.optionGroups(events.districtGroups(selected: query.districtPcode, within: $0)).selecting(query.districtPcode)
        } ?? ""
        values["districtsAfterProvince"] = province == nil
        values["actTypes"] = events.options(.actType, selected: asked.scope.query.actType)
        values["perpetratorTypes"] = events.options(.perpetratorType, selected: asked.scope.query.perpetratorType)
        values["statuses"] = events.options(VerificationStatus.self, prefix: "status", selected: asked.allStatuses ? nil : asked.scope.query.status)
        values["calendars"] = MeetingView(directory: DirectoryView(localizer: renderer.localizer, locale: context.locale, calendar: context.calendar,
                                                                   places: [:], networks: [:]), organisations: [:]).calendars(context.calendar)
        values["mayExport"] = AccessPolicy.decide(identity.subject, .exportEvents).isAllowed
    }
}
