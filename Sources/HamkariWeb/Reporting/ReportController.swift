import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// What a report or a communication is given as: JSON by default on the API, HTML on pages.
enum OutputFormat: String {
    case html, pdf, json

    init(_ request: Request) throws {
        let asked = request.uri.queryParameters.get("format") ?? (request.uri.path.hasPrefix("/api/") ? "json" : "html")
        guard let format = OutputFormat(rawValue: asked) else {
            throw AppError.invalid([ValidationIssue(field: "format", messageKey: "invalid_filter")], code: "invalid_query", messageKey: "error_invalid_query")
        }
        self = format
    }

    /// The printer a PDF needs, refused before anything is counted so that a missing one costs nothing.
    func printer() throws -> ChromiumPrinter? {
        guard self == .pdf else { return nil }
        do { return try ChromiumPrinter.installed() } catch {
            throw AppError(status: .serviceUnavailable, code: "pdf_unavailable", messageKey: "error_pdf_unavailable")
        }
    }
}

/// The report builder: a form, the report as one page (HTML) or printed to PDF, and its figures
/// as JSON. The report's language is the page's (`lang=`), whatever the reader's own.
struct ReportController: Sendable {
    let builder: ReportBuilder
    let renderer: PageRenderer

    struct Document: Encodable, Sendable {
        struct Case: Encodable, Sendable {
            let reference: String
            let date: String?
            let province: String?
            let district: String?
            let actTypes: [String]
            let perpetratorTypes: [String]
            let rights: [String]
            let victims: [String: Int]
            let defenders: Int
            let interventions: [String]
        }

        let kind: String
        let language: String
        let calendar: String
        let threshold: Int
        let tables: [String: DashboardController.TableDocument]
        let cases: [Case]
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/reports", .exportEvents) { request, context, identity in
            try await form(request, context)
        }
        for path in ["/reports/view", "/api/v1/reports"] {
            guarded.allowed(.get, path, .exportEvents) { request, context, identity in
                try await report(request, context, identity)
            }
        }
    }

    private func report(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> Response {
        let format = try OutputFormat(request)
        let asked = try ReportBuilder.asked(request.uri.queryParameters, locale: context.locale, calendar: context.calendar, subject: identity.subject)
        let printer = try format.printer()
        let report = try await builder.build(asked, actor: identity.user.id.text)
        let name = "hamkari-\(asked.kind.rawValue)-\(asked.locale.tag)-\(CalendarDay(report.preparedOn, in: .gregorian).numeric)"
        switch format {
        case .json:
            return try JSONBody(value: Self.document(report, threshold: builder.threshold)).response(from: request, context: context)
        case .pdf:
            let pdf = try await printer!.pdf(of: try await builder.html(report))
            return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(name).pdf\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        case .html:
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: try await builder.html(report))))
        }
    }

    static func document(_ report: ReportBuilder.Report, threshold: Int) -> Document {
        Document(
            kind: report.asked.kind.rawValue, language: report.asked.locale.tag, calendar: report.asked.scope.calendar.rawValue, threshold: threshold,
            tables: Dictionary(uniqueKeysWithValues: report.tables.map { ($0.name, DashboardController.TableDocument($0.table)) }),
            cases: report.cases.map { one in
                Document.Case(reference: one.reference, date: one.date?.firstISO, province: one.provincePcode, district: one.districtPcode,
                              actTypes: one.actTypes, perpetratorTypes: one.perpetratorTypes, rights: one.rights,
                              victims: ["women": one.victims.women, "men": one.victims.men, "girls": one.victims.girls, "boys": one.victims.boys,
                                        "unknown": one.victims.unknown],
                              defenders: one.defenders, interventions: one.interventions.map(\.rawValue))
            })
    }

    private func form(_ request: Request, _ context: AppRequestContext) async throws -> HTMLPage {
        let localizer = renderer.localizer
        let units = try await builder.store.gazetteer.all()
        let events = EventViewModel(localizer: localizer, context: context, units: units, organisations: [])
        let values: [String: Any] = [
            "kinds": ReportKind.allCases.map { ["value": $0.rawValue, "label": localizer.string("report_title_\($0.rawValue)", context.locale)] },
            "languages": AppLocale.allCases.map { ["value": $0.tag, "label": $0.nativeName, "selected": $0 == context.locale] },
            "calendars": CalendarSystem.allCases.map { option -> [String: Any] in
                ["value": option.rawValue, "label": localizer.string(option == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri", context.locale),
                 "selected": option == context.calendar]
            },
            "provinceOptions": renderer.options(events.provinceOptions(selected: nil)).html,
            "pdf": ChromiumPrinter.locate() != nil,
            "threshold": Numerals.format(builder.threshold, for: context.locale),
        ]
        return renderer.render("reports", title: localizer.string("reports_title", context.locale), values: values,
                               networkName: try await builder.store.networkName(), request: request, context: context)
    }
}
