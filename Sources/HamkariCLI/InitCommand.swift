import ArgumentParser
import HamkariStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty instance: the data directory, the database schema and the built-in gazetteer."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let logger = store.logger("hamkari.init")
        let opened = try await Store.open(store.location, create: true, migrate: false, logger: logger)
        do {
            let applied = try await Migrator(backend: opened.backend, logger: logger).migrate()
            Console.say(applied.isEmpty
                ? "\(store.location.redacted) is already a Hamkari instance; nothing to do."
                : "Created a Hamkari instance at \(store.location.redacted) (schema version \(applied.max() ?? 0)).")
        } catch {
            await opened.shutdown()
            throw error
        }
        await opened.shutdown()
    }
}
