import ArgumentParser
import HamkariStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (serve also does this at start)."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let logger = store.logger("hamkari.migrate")
        let opened = try await Store.open(store.location, create: false, migrate: false, logger: logger)
        do {
            let migrator = Migrator(backend: opened.backend, logger: logger)
            let applied = try await migrator.migrate()
            Console.say(applied.isEmpty
                ? "The schema is up to date (version \(migrator.latestVersion))."
                : "Applied migrations \(applied.map(String.init).joined(separator: ", ")); schema version \(migrator.latestVersion).")
        } catch {
            await opened.shutdown()
            throw error
        }
        await opened.shutdown()
    }
}
