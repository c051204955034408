import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct StandardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standards",
        abstract: "The standards library: human rights instruments and their articles.",
        subcommands: [StandardsImportCommand.self]
    )
}

struct StandardsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import texts: UDHR-in-Unicode XML files (any language) and treaty texts in Markdown (English).",
        discussion: """
            Each file replaces the articles of its instrument in its language. Every file is checked before any is \
            imported: if one is wrong, nothing is imported and the file is named.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Argument(help: "The files to import.")
    var files: [String]

    struct ImportFailure: Error, CustomStringConvertible {
        let description: String
    }

    func run() async throws {
        var results: [(file: String, result: StandardsImport.Result)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ImportFailure(description: "Cannot read \(file). Nothing was imported.")
            }
            do throws(StandardsImport.Failure) {
                results.append((file, try StandardsImport.parse(data)))
            } catch {
                throw ImportFailure(description: "\(file): \(error). Nothing was imported.")
            }
        }
        try await Instance.with(store, unlock: unlock, label: "hamkari.standards") { opened in
            for (file, result) in results {
                try await opened.standards.importArticles(result, source: URL(fileURLWithPath: file).lastPathComponent,
                                                          actor: AuditEvent.commandLineActor)
            }
        }
        for (file, result) in results {
            Console.say("Imported \(result.articles.count) articles of the \(result.instrument) in \(result.language) from \(file).")
        }
    }
}
