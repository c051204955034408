import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Build reports, UN submission annexes and special-procedures drafts.",
        subcommands: [ReportBuildCommand.self, ReportCommunicationCommand.self])
}

/// Whose view, in which language and calendar, and where the output goes: the same for a report and a draft.
struct ReportOutputOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "The login of the account whose view is reported: what it may not see is not counted.")
    var login: String

    @Option(help: "The language: en, fa-AF (Dari), ps (Pashto) or uz (Uzbek).")
    var lang = "en"

    @Option(help: "The calendar dates are read and written in: solar-hijri or gregorian.")
    var calendar = "solar-hijri"

    @Option(help: "html (one page that stands alone), pdf (printed with Chromium) or json.")
    var format = "html"

    @Option(help: "Write to this file instead of standard output (a PDF needs a file).")
    var out: String?

    var locale: AppLocale { AppLocale(tag: lang) ?? .english }
    var calendarSystem: CalendarSystem { CalendarSystem(tag: calendar) ?? .solarHijri }

    func validate() throws {
        guard AppLocale(tag: lang) != nil else { throw ValidationError("--lang is en, fa-AF, ps or uz.") }
        guard CalendarSystem(tag: calendar) != nil else { throw ValidationError("--calendar is solar-hijri or gregorian.") }
        guard ["html", "pdf", "json"].contains(format) else { throw ValidationError("--format is html, pdf or json.") }
        if format == "pdf", out == nil { throw ValidationError("A PDF is written to a file: give --out FILE.") }
    }

    /// Checked before anything is counted or audited, so that a missing printer costs nothing.
    func printer() throws -> ChromiumPrinter? {
        guard format == "pdf" else { return nil }
        do { return try ChromiumPrinter.installed() } catch { throw CommandFailure(error.description) }
    }
}

struct ReportBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a report: general, upr (the UPR annex by right and period), cedaw or crc.",
        discussion: """
            Always a publication: verified records whose sources all agreed to public use, small counts held back.
            Filters are the dashboard's, e.g. --from 1403 --to 1404 --province AF18, or any of them with --filter key=value.
            Example: hamkari report build --as coordinator --kind upr --lang fa-AF --format pdf --out upr.pdf
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @OptionGroup var output: ReportOutputOptions

    @Option(help: "general, upr, cedaw or crc.")
    var kind = "general"

    @Option(help: "The first year, month or day counted, in --calendar (1403, 1403-05 or 1403-05-12).")
    var from: String?

    @Option(help: "The last year, month or day counted.")
    var to: String?

    @Option(help: "A province's P-code (AF18 is Takhar).")
    var province: String?

    @Option(help: "Another of the dashboard's filters as key=value (actType=killing, perpetratorType=non_state_armed_group); repeatable.")
    var filter: [String] = []

    @Option(name: .customLong("disclosure-threshold"), help: "Counts below this are held back (as `serve --disclosure-threshold`).")
    var threshold = DisclosureControl.defaultThreshold

    func validate() throws {
        guard ReportKind(rawValue: kind) != nil else { throw ValidationError("--kind is general, upr, cedaw or crc.") }
        guard (2...100).contains(threshold) else { throw ValidationError("--disclosure-threshold must be between 2 and 100.") }
        guard filter.allSatisfy({ $0.contains("=") }) else { throw ValidationError("--filter is key=value.") }
    }

    var query: String {
        var items = [URLQueryItem(name: "kind", value: kind), URLQueryItem(name: "calendar", value: output.calendarSystem.rawValue)]
        for (name, value) in [("from", from), ("to", to), ("province", province)] { if let value { items.append(URLQueryItem(name: name, value: value)) } }
        for pair in filter {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            items.append(URLQueryItem(name: parts[0], value: parts.count > 1 ? parts[1] : ""))
        }
        var components = URLComponents()
        components.queryItems = items
        return components.percentEncodedQuery ?? ""
    }

    func run() async throws {
        let printer = try output.printer()
        let data = try await Instance.with(store, unlock: unlock, label: "hamkari.report") { opened in
            let user = try await account(output.login, in: opened, allowedTo: .exportEvents, "build reports (coordinators may)")
            let builder = try await ReportBuilder.load(store: opened, threshold: threshold)
            let asked = try ReportBuilder.asked(query: query, locale: output.locale, calendar: output.calendarSystem, subject: AccessPolicy.Subject(user))
            let report = try await builder.build(asked, actor: user.id.text)
            switch output.format {
            case "json": return try builder.json(report)
            case "pdf": return try await printer!.pdf(of: try await builder.html(report))
            default: return Data(try await builder.html(report).utf8)
            }
        }
        try writeResult(data, to: output.out)
    }
}

struct ReportCommunicationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communication",
        abstract: "Draft a communication to the UN special procedures for one case.",
        discussion: """
            Refused for a case with no source, or whose sources agreed to the network's own use only.
            Names are included only with --identities, for an account that may see them, when every source agreed to public use.
            Nothing is sent: the network submits the draft itself.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @OptionGroup var output: ReportOutputOptions

    @Argument(help: "The case's reference (as on its page, e.g. TKR-1404-0012).")
    var reference: String

    @Flag(help: "Include the victims' names (needs public consent and the right to see identities; the reading is audited).")
    var identities = false

    func run() async throws {
        let printer = try output.printer()
        let localizer = try Localizer.loadBundled()
        let data = try await Instance.with(store, unlock: unlock, label: "hamkari.report") { opened in
            let user = try await account(output.login, in: opened, allowedTo: .documentEvents, "draft communications (documenters and coordinators may)")
            let subject = AccessPolicy.Subject(user)
            guard let event = try await opened.events.find(reference: reference),
                  EventVisibility(subject).allows(EventVisibility.Facts(event)) else {
                throw CommandFailure("There is no case \(reference) that \(output.login) may see.")
            }
            let maker = try await CommunicationMaker.load(store: opened)
            do {
                return try await maker.make(event, subject: subject, actor: user.id.text, locale: output.locale, calendar: output.calendarSystem,
                                            names: identities, format: output.format, printer: printer).body
            } catch CommunicationMaker.Failure.refused(let refusal) {
                throw CommandFailure(localizer.string(refusal.messageKey, .english))
            } catch CommunicationMaker.Failure.identitiesForbidden {
                throw CommandFailure("The account \(output.login) may not see identities; draft without --identities.")
            }
        }
        try writeResult(data, to: output.out)
    }
}
