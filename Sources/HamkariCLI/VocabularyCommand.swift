import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct VocabularyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab", abstract: "Manage vocabularies (controlled lists of terms).", subcommands: [VocabularyImportCommand.self])
}

struct VocabularyImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load the HURIDOCS micro-thesauri (the OpenEvSys CSV) as additional lists.",
        discussion: "Each micro-thesaurus becomes a list huridocs:<name>; terms keep their HURIDOCS codes. Importing again replaces those lists."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Argument(help: "huridocs_micro_thesauri_openevsys.csv")
    var file: String

    func run() async throws {
        let text = try readTextFile(file, what: "the file")
        let terms: [VocabularyTerm]
        do { terms = try HuridocsThesaurus.terms(in: text) } catch {
            throw CommandFailure("\(file), line \(error.line): \(error.reason). Nothing was imported.")
        }
        let lists = Set(terms.map(\.list)).count
        _ = try await Instance.with(store, unlock: unlock, label: "hamkari.vocab") { opened in
            try await opened.vocabularies.replaceLists(with: terms, source: URL(fileURLWithPath: file).lastPathComponent,
                                                       actor: AuditEvent.commandLineActor)
        }
        Console.say("Imported \(terms.count) terms in \(lists) lists from \(file).")
    }
}
