import Foundation
import HamkariCore
import HamkariStore
import Hummingbird
import HummingbirdCore
import Mustache

/// Builds a report — for the network's advocacy, or shaped for a UN mechanism — as one HTML page
/// that stands alone (its style inside, charts and map drawn in, nothing fetched), in any of the
/// four languages. Every report is a publication: verified records only, each of whose sources
/// agreed to public use, with small counts held back; cases are told by reference and facts only.
public struct ReportBuilder: Sendable {
    let store: Store
    let library: MustacheLibrary
    let localizer: Localizer
    public let threshold: Int
    /// The most recent cases a report summarises.
    static let caseLimit = 20

    init(store: Store, library: MustacheLibrary, localizer: Localizer, threshold: Int) {
        self.store = store
        self.library = library
        self.localizer = localizer
        self.threshold = threshold
    }

    /// For the command line: the bundled templates and strings.
    public static func load(store: Store, threshold: Int = DisclosureControl.defaultThreshold) async throws -> ReportBuilder {
        let localizer = try Localizer.loadBundled()
        let renderer = try await PageRenderer.loadBundled(localizer: localizer, demo: false)
        return ReportBuilder(store: store, library: renderer.library, localizer: localizer, threshold: threshold)
    }

    /// What was asked: the kind, the scope (the dashboard's filters), the language and calendar.
    public struct Asked: Sendable {
        public var kind: ReportKind
        public var scope: StatisticsRepository.Scope
        public var locale: AppLocale
        public var from: String
        public var to: String
    }

    public struct Report: Sendable {
        public var asked: Asked
        public var tables: [(name: String, table: ShownTable)]
        public var cases: [CaseSummary]
        public var map: String?
        public var networkName: LocalizedNames
        public var preparedOn: Date
    }

    /// Reads a request written as a query string (`kind=upr&from=1404&to=1405&province=AF18`), as
    /// the command line gives it; a bad value throws the same refusal the web gives.
    public static func asked(query: String, locale: AppLocale, calendar: CalendarSystem, subject: AccessPolicy.Subject) throws -> Asked {
        do { return try asked(URI("/?" + query).queryParameters, locale: locale, calendar: calendar, subject: subject) } catch let error as AppError {
            throw InvalidRequest(fields: error.issues.map(\.field))
        }
    }

    /// A request the command line gave that the web would refuse, naming what is wrong.
    public struct InvalidRequest: Error, CustomStringConvertible {
        public let fields: [String]
        public var description: String {
            "The report cannot be built as asked: check \(fields.isEmpty ? "its options" : fields.joined(separator: ", "))."
        }
    }

    /// The report's figures and cases as the API gives them.
    public func json(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(ReportController.document(report, threshold: threshold))
    }

    static func asked(_ parameters: Parameters, locale: AppLocale, calendar: CalendarSystem, subject: AccessPolicy.Subject) throws -> Asked {
        var query = try EventQueryParameters.query(from: parameters, calendar: calendar)
        guard let kind = ReportKind(rawValue: parameters.get("kind") ?? ReportKind.general.rawValue) else {
            throw AppError.invalid([ValidationIssue(field: "kind", messageKey: "invalid_filter")], code: "invalid_query", messageKey: "error_invalid_query")
        }
        query.status = .verified
        let calendar = parameters.get("calendar").flatMap(CalendarSystem.init(tag:)) ?? calendar
        let scope = StatisticsRepository.Scope(query: query, visibility: EventVisibility(subject), publicationOnly: true,
                                               includesCases: false, calendar: calendar)
        return Asked(kind: kind, scope: scope, locale: locale, from: parameters.get("from") ?? "", to: parameters.get("to") ?? "")
    }

    /// Counts what the report holds; the reading is in the audit log.
    public func build(_ asked: Asked, actor: String, now: Date = Date()) async throws -> Report {
        let control = DisclosureControl(threshold: threshold)
        let statistics = store.statistics
        let figures = try await statistics.figures(asked.scope)
        let dashboard = Dictionary(uniqueKeysWithValues: figures.tables)
        let vocabulary = Vocabulary.builtIn
        var counted: [(String, CountTable)] = []
        func add(_ names: [String]) { for name in names { if let table = dashboard[name] { counted.append((name, table)) } } }
        var cases: [CaseSummary] = []
        switch asked.kind {
        case .general:
            // More than two years of months read better, and hold back fewer cells, as years.
            if figures.byMonth.rows.count > 24 { counted.append(("by_year", MonthBuckets.years(of: figures.byMonth))) } else { add(["by_month"]) }
            add(["by_act_type", "by_perpetrator_type", "by_province", "by_district", "victims"])
            cases = try await statistics.caseSummaries(asked.scope, limit: Self.caseLimit).cases
        case .upr:
            counted.append(("rights_by_year", try await statistics.rightsByYear(asked.scope, order: vocabulary.terms(in: .rightAffected).map(\.code))))
            add(["by_act_type", "by_province", "victims"])
            cases = try await statistics.caseSummaries(asked.scope, limit: Self.caseLimit).cases
        case .cedaw:
            counted.append(("women_and_girls", try await statistics.victimsByAct(asked.scope, focus: .womenAndGirls,
                                                                                 order: vocabulary.terms(in: .actType).map(\.code))))
            add(["victims", "by_province"])
        case .crc:
            counted.append(("children", try await statistics.victimsByAct(asked.scope, focus: .children,
                                                                          order: vocabulary.terms(in: .actType).map(\.code))))
            add(["victims", "by_province"])
        }
        let tables = counted.map { (name: $0.0, table: control.protect($0.1)) }
        var map: String?
        if asked.kind == .general, let provinces = tables.first(where: { $0.name == "by_province" })?.table {
            let units = try await store.gazetteer.all()
            let view = DashboardView(localizer: localizer, locale: asked.locale, calendar: asked.scope.calendar, units: units)
            map = DashboardMapController.map(provinces, choice: .init(level: .province, style: .choropleth, figure: "events"), view: view,
                                             units: units, boundaries: try await store.boundaries.boundaries(level: .province),
                                             province: nil).render()
        }
        try await store.audit.append(AuditEvent(actor: actor, action: .reportBuilt,
                                                target: "\(asked.kind.rawValue) \(asked.locale.tag) \(cases.count) cases"))
        return Report(asked: asked, tables: tables, cases: cases, map: map, networkName: try await store.networkName(), preparedOn: now)
    }

    /// The report as one HTML page.
    public func html(_ report: Report) async throws -> String {
        let locale = report.asked.locale, calendar = report.asked.scope.calendar
        let units = try await store.gazetteer.all()
        let view = DashboardView(localizer: localizer, locale: locale, calendar: calendar, units: units)
        let events = EventViewModel(localizer: localizer, locale: locale, calendar: calendar, units: units, organisations: [])
        let vocabulary = Vocabulary.builtIn
        let kind = report.asked.kind.rawValue
        let query = report.asked.scope.query
        let period = [report.asked.from, report.asked.to].map { Numerals.localize($0, for: locale) }
        let summary: [[String: Any]] = [
            ["label": view.text("report_events"), "value": view.shown(figuresTotal(report, "by_province"))],
            ["label": view.text("report_victims"), "value": view.shown(figuresTotal(report, "victims"))],
            ["label": view.text("report_provinces"), "value": view.number(report.tables.first { $0.name == "by_province" }?.table.rows.filter { !$0.isEmpty }.count ?? 0)],
        ]
        let values: [String: Any] = [
            "t": localizer.table(for: locale), "lang": locale.tag, "dir": locale.direction,
            "title": view.text("report_title_\(kind)"), "networkName": report.networkName.name(in: locale),
            "period": period.allSatisfy(\.isEmpty) ? view.text("report_period_all") : "\(period[0].isEmpty ? "…" : period[0]) – \(period[1].isEmpty ? "…" : period[1])",
            "calendar": view.text(calendar == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri"),
            "area": [query.districtPcode, query.provincePcode].compactMap { $0 }.isEmpty ? view.text("report_area_all")
                : events.place(province: query.provincePcode, district: query.districtPcode),
            "preparedOn": DateDisplay.day(report.preparedOn, calendar: calendar, locale: locale),
            "summary": summary, "intro": view.text("report_intro_\(kind)"),
            "threshold": view.number(threshold),
            "sections": report.tables.map { view.section($0.table, named: $0.name) },
            "map": report.map ?? "", "hasMap": report.map != nil,
            "hasCases": [.general, .upr].contains(report.asked.kind), "noCases": report.cases.isEmpty,
            "cases": report.cases.map { one -> [String: Any] in
                [
                    "reference": one.reference, "date": events.date(one.date),
                    "place": events.place(province: one.provincePcode, district: one.districtPcode),
                    "acts": one.actTypes.map { vocabulary.label(.actType, $0, in: locale) }.joined(separator: "; "),
                    "perpetrators": one.perpetratorTypes.map { vocabulary.label(.perpetratorType, $0, in: locale) }.joined(separator: "; "),
                    "rights": one.rights.map { vocabulary.label(.rightAffected, $0, in: locale) }.joined(separator: "; "),
                    "victims": victims(one.victims, view),
                    "defenders": one.defenders > 0 ? view.number(one.defenders) : "",
                    "actions": one.interventions.map { view.text("intervention_\($0.rawValue)") }.joined(separator: "; "),
                ]
            },
        ]
        return library.render(values, withTemplate: "report") ?? ""
    }

    private func figuresTotal(_ report: Report, _ name: String) -> ShownCount {
        report.tables.first { $0.name == name }?.table.total ?? .count(0)
    }

    func victims(_ count: GroupCount, _ view: DashboardView) -> String {
        [("women", count.women), ("men", count.men), ("girls", count.girls), ("boys", count.boys), ("unknown", count.unknown)]
            .filter { $0.1 > 0 }.map { "\(view.text("group_\($0.0)")): \(view.number($0.1))" }
            .joined(separator: view.locale.isRightToLeft ? "، " : ", ")
    }
}
