import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
#if canImport(Glibc)
import Glibc
#endif

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import records from files.", subcommands: [ImportEventsCommand.self])
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records to files.", subcommands: [ExportEventsCommand.self])
}

/// Reads a whole text file or says clearly why it cannot.
func readTextFile(_ path: String, what: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("Cannot read \(what) \(path).") }
    guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("\(path) is not UTF-8 text.") }
    return text
}

/// The account a command acts as: its organisation owns what is imported, its rights bound what is exported.
func account(_ login: String, in store: Store) async throws -> UserAccount {
    guard let user = try await store.users.find(login: login), user.status == .active else {
        throw CommandFailure("There is no active account \(login).")
    }
    return user
}

/// The account, refused unless the policy allows it `action`; `what` says what it may not do, and who may.
func account(_ login: String, in store: Store, allowedTo action: AccessPolicy.Action, _ what: String) async throws -> UserAccount {
    let user = try await account(login, in: store)
    guard AccessPolicy.decide(AccessPolicy.Subject(user), action).isAllowed else {
        throw CommandFailure("The account \(login) may not \(what).")
    }
    return user
}

/// Writes a command's result to `out`, readable by its owner only, or to standard output.
func writeResult(_ data: Data, to out: String?) throws {
    guard let out else { return FileHandle.standardOutput.write(data) }
    guard FileManager.default.createFile(atPath: out, contents: data, attributes: [.posixPermissions: 0o600]) else {
        throw CommandFailure("Cannot write \(out).")
    }
    Console.say("Wrote \(out).")
}

struct ImportEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Import events from CSV (Hamkari's layout, or another through --mapping).",
        discussion: """
            One row per act; rows with the same event_key make one event (docs/documentation.md lists the columns).
            The whole file is checked first: with any error, each is reported with its line and nothing is imported.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "A JSON mapping from another CSV layout to Hamkari's.")
    var mapping: String?

    @Flag(name: .customLong("dry-run"), help: "Check the file and report, without importing.")
    var dryRun = false

    @Option(name: .customLong("as"), help: "The login of the account the events are recorded by (its organisation owns them).")
    var login: String

    func run() async throws {
        let text = try readTextFile(file, what: "the file")
        var map = CSVMapping()
        if let mapping {
            do { map = try JSONDecoder().decode(CSVMapping.self, from: Data(try readTextFile(mapping, what: "the mapping").utf8)) } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandFailure("\(mapping) is not a mapping: it must be JSON with \"columns\", \"values\" and \"defaults\" objects.")
            }
        }
        let localizer = try Localizer.loadBundled()
        let source = URL(fileURLWithPath: file).lastPathComponent
        let report = try await Instance.with(store, unlock: unlock, label: "hamkari.import") { opened in
            let user = try await account(login, in: opened, allowedTo: .importEvents, "import events (documenters and coordinators may)")
            return try await opened.importEvents(
                csv: text, mapping: map, organisationID: user.organisationID, authorID: user.id, actor: AuditEvent.commandLineActor,
                source: source, dryRun: dryRun, progress: ProgressBar.show)
        }
        ProgressBar.finish()
        for error in report.errors {
            let message = localizer.string(error.messageKey, .english).replacingOccurrences(of: "{value}", with: error.value)
            Console.warn("\(file):\(error.line)\(error.column.isEmpty ? "" : " [\(error.column)]"): \(message)")
        }
        let summary = "\(report.rows) rows, \(report.events) events, \(report.acts) acts"
        if !report.errors.isEmpty {
            throw CommandFailure("\(report.errors.count) error(s) in \(file) (\(summary)). Nothing was imported.")
        }
        Console.say(report.committed ? "Imported \(summary) from \(file)." : "Dry run: \(file) is ready to import (\(summary)).")
    }
}

/// A one-line progress bar on a terminal; silent when the output is not a terminal.
enum ProgressBar {
    static let isTerminal = isatty(STDERR_FILENO) == 1

    @Sendable static func show(_ done: Int, _ total: Int) {
        guard isTerminal, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    static func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

struct ExportEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Export the events an account may see, as CSV (Hamkari's import layout), HXL-tagged CSV or JSON.",
        discussion: "Names and other identity fields are left out unless --identities is given and the account may see them. Every export is audited."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(name: .customLong("as"), help: "The login of the account whose view is exported.")
    var login: String

    @Option(help: "csv, hxl (CSV with a row of HXL hashtags) or json.")
    var format = "csv"

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(help: "Include names and other identity fields (only for accounts that may see them).")
    var identities = false

    func validate() throws {
        guard EventExport.formats.contains(format) else { throw ValidationError("--format is csv, hxl or json.") }
    }

    func run() async throws {
        let data = try await Instance.with(store, unlock: unlock, label: "hamkari.export") { opened in
            let user = try await account(login, in: opened)
            return try await EventExport.data(from: opened, as: user, format: format, identities: identities)
        }
        try writeResult(data, to: out)
    }
}
