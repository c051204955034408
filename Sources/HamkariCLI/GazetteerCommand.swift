import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct GazetteerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Manage the gazetteer of provinces and districts.",
        subcommands: [GazetteerImportCommand.self, GazetteerImportBoundariesCommand.self]
    )
}

struct GazetteerImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load an OCHA P-code list (CSV: Location, Admin Level, P-Code, Name, Parent P-Code, Valid from date).",
        discussion: "The whole file is checked first; if any line is wrong, nothing is imported and the line is named."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Argument(help: "The CSV file to import.")
    var file: String

    struct ImportFailure: Error, CustomStringConvertible {
        let description: String
    }

    func run() async throws {
        let units = try readUnits()
        try await Instance.with(store, unlock: unlock, label: "hamkari.gazetteer") { opened in
            try await opened.gazetteer.importUnits(units, actor: AuditEvent.commandLineActor)
        }
        let provinces = units.filter { $0.level == .province }.count
        Console.say("Imported \(provinces) provinces and \(units.count - provinces) districts from \(file).")
    }

    private func readUnits() throws -> [AdminUnit] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ImportFailure(description: "Cannot read \(file). Nothing was imported.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportFailure(description: "\(file) is not UTF-8 text. Nothing was imported.")
        }
        do {
            return try PcodeListImport.parse(text, source: "OCHA P-codes from \(URL(fileURLWithPath: file).lastPathComponent)")
        } catch {
            throw ImportFailure(description: "\(file): \(error). Nothing was imported.")
        }
    }
}
