import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// CSV import (dry run, then all-or-nothing) and CSV/JSON export, on pages and in the API.
struct EventTransferController: Sendable {
    let store: Store
    let renderer: PageRenderer
    var localizer: Localizer { renderer.localizer }

    static let importLimit = 32 << 20

    struct ImportRequest: Decodable, Sendable {
        let csv: String
        let mapping: CSVMapping?
        let dryRun: Bool?
    }

    struct ReportDocument: Encodable, Sendable {
        struct RowError: Encodable, Sendable {
            let line: Int
            let column: String
            let message: String
        }
        let dryRun: Bool
        let committed: Bool
        let rows: Int
        let events: Int
        let acts: Int
        let errors: [RowError]
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.post, "/api/v1/events/import", .importEvents) { request, context, identity in
            let dryRunParameter = request.uri.queryParameters.get("dryRun") == "true"
            var request = request
            let csv: String
            var mapping = CSVMapping()
            var dryRun = dryRunParameter
            let type = request.headers[.contentType]?.lowercased() ?? ""
            if type.hasPrefix("text/csv") {
                csv = String(buffer: try await request.collectBody(upTo: Self.importLimit))
            } else if type.hasPrefix("application/json") {
                let body = try await request.collectBody(upTo: Self.importLimit)
                guard let decoded = try? JSONDecoder().decode(ImportRequest.self, from: Data(buffer: body)) else {
                    throw AppError.invalid([], code: "invalid_json", messageKey: "error_invalid_json")
                }
                csv = decoded.csv
                mapping = decoded.mapping ?? CSVMapping()
                dryRun = dryRun || decoded.dryRun == true
            } else {
                throw AppError.unsupportedMediaType
            }
            let report = try await run(csv, mapping: mapping, dryRun: dryRun, identity, source: "api")
            return JSONBody(value: document(report, dryRun: dryRun, locale: context.locale),
                            status: report.errors.isEmpty ? (report.committed ? .created : .ok) : .unprocessableContent)
        }
        guarded.allowed(.get, "/api/v1/events/export", .exportEvents) { request, context, identity in
            try await export(request, context, identity)
        }
        guarded.allowed(.get, "/events/export.csv", .exportEvents) { request, context, identity in
            try await export(request, context, identity, format: "csv")
        }
        guarded.allowed(.get, "/events/export.hxl.csv", .exportEvents) { request, context, identity in
            try await export(request, context, identity, format: "hxl")
        }
        guarded.allowed(.get, "/events/import", .importEvents) { request, context, identity in
            try await importPage(nil, dryRun: true, request, context, identity)
        }
        guarded.allowed(.post, "/events/import", .importEvents) { request, context, identity in
            var sink = MemorySink(limit: Self.importLimit)
            let fields = try await MultipartUpload.read(request, limit: Self.importLimit + 65536, csrfToken: identity.csrfToken, sink: &sink)
            let dryRun = fields["commit"] == nil
            var mapping = CSVMapping()
            if let text = fields["mapping"], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                guard let decoded = try? JSONDecoder().decode(CSVMapping.self, from: Data(text.utf8)) else {
                    throw AppError.invalid([ValidationIssue(field: "mapping", messageKey: "invalid_mapping")])
                }
                mapping = decoded
            }
            let csv = String(decoding: sink.data, as: UTF8.self)
            let report = try await run(csv, mapping: mapping, dryRun: dryRun, identity, source: sink.filename ?? "upload")
            var page = try await importPage(report, dryRun: dryRun, request, context, identity)
            if !report.errors.isEmpty { page.status = .unprocessableContent }
            return page
        }
    }

    private func run(_ csv: String, mapping: CSVMapping, dryRun: Bool, _ identity: SignedIn, source: String) async throws -> EventImportReport {
        try await store.importEvents(csv: csv, mapping: mapping, organisationID: identity.user.organisationID, authorID: identity.user.id,
                                     actor: identity.user.id.text, source: source, dryRun: dryRun)
    }

    private func document(_ report: EventImportReport, dryRun: Bool, locale: AppLocale) -> ReportDocument {
        ReportDocument(
            dryRun: dryRun, committed: report.committed, rows: report.rows, events: report.events, acts: report.acts,
            errors: report.errors.map { .init(line: $0.line, column: $0.column, message: message($0, locale)) })
    }

    func message(_ error: CSVRowError, _ locale: AppLocale) -> String {
        localizer.string(error.messageKey, locale).replacingOccurrences(of: "{value}", with: error.value)
    }

    private func importPage(
        _ report: EventImportReport?, dryRun: Bool, _ request: Request, _ context: AppRequestContext, _ identity: SignedIn
    ) async throws -> HTMLPage {
        var values: [String: Any] = ["csrf": identity.csrfToken ?? "", "columns": EventCSVLayout.columns.joined(separator: ", ")]
        if let report {
            values["report"] = [
                "rows": Numerals.format(report.rows, for: context.locale), "events": Numerals.format(report.events, for: context.locale),
                "acts": Numerals.format(report.acts, for: context.locale), "committed": report.committed,
                "ready": report.errors.isEmpty && !report.committed,
                "errors": report.errors.prefix(100).map { ["line": Numerals.format($0.line, for: context.locale), "column": $0.column,
                                                           "message": message($0, context.locale)] },
                "hasErrors": !report.errors.isEmpty,
            ] as [String: Any]
        }
        return renderer.render("events-import", title: localizer.string("import_title", context.locale), values: values,
                               networkName: try await store.networkName(), request: request, context: context)
    }

    private func export(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn, format fixed: String? = nil) async throws -> Response {
        let format = fixed ?? request.uri.queryParameters.get("format") ?? "json"
        guard EventExport.formats.contains(format) else {
            throw AppError.invalid([ValidationIssue(field: "format", messageKey: "invalid_filter")], code: "invalid_query", messageKey: "error_invalid_query")
        }
        var query = try EventQueryParameters.query(from: request.uri.queryParameters, calendar: context.calendar)
        query.limit = EventQuery.maximumLimit
        let identities = request.uri.queryParameters.get("identities") == "true"
        let data: Data
        do {
            data = try await EventExport.data(from: store, as: identity.user, format: format, identities: identities, query: query)
        } catch EventExport.Failure.identitiesNotAllowed, EventExport.Failure.notAllowed {
            throw AppError.forbidden
        }
        let stamp = CalendarDay(Date(), in: .gregorian).numeric
        return Response(status: .ok, headers: [
            .contentType: format == "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"hamkari-events-\(stamp).\(format == "hxl" ? "hxl.csv" : format)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct ExportDocument: Encodable, Sendable {
        let events: [EventDocument]
    }
}
