import ArgumentParser
import HamkariStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (serve also does this at start). Needs no passphrase."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let (applied, latest) = try await Store.migrate(store.location, logger: store.logger("hamkari.migrate"))
        Console.say(applied.isEmpty
            ? "The schema is up to date (version \(latest))."
            : "Applied migrations \(applied.map(String.init).joined(separator: ", ")); schema version \(latest).")
    }
}
