import ArgumentParser
import Foundation
import HamkariStore
import HamkariWeb
import Hummingbird

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web server (pages and JSON API) until interrupted.",
        discussion: "SIGINT or SIGTERM stops it gracefully: requests in flight finish, then the database closes."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on. Keep 127.0.0.1 unless a TLS proxy stands in front.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int = 8080

    @Flag(help: "Create a demonstration network with invented data on an empty data directory, and print its credentials once.")
    var demo = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
    }

    func run() async throws {
        let logger = store.logger("hamkari")
        let opened = try await Store.open(store.location, create: demo, logger: logger)
        do {
            if demo {
                try await announceDemo(opened)
            }
            let configuration = AppConfiguration(host: host, port: port, database: store.location, demo: demo,
                                                 logLevel: logger.logLevel)
            let app = try await buildApplication(configuration: configuration, store: opened, logger: logger)
            logger.info("serving", metadata: ["address": "http://\(host):\(port)", "database": .string(store.location.redacted)])
            try await app.runService()
        } catch {
            await opened.shutdown()
            throw error
        }
        await opened.shutdown()
    }

    private func announceDemo(_ store: Store) async throws {
        Console.warn("""
            DEMONSTRATION MODE: invented data; not for real records. Keys and data are not protected here.
            """)
        if let credentials = try await DemoSeeder(store: store).seedIfEmpty() {
            Console.say("""
                Demo network created: \(DemoNetwork.networkName.english).
                Sign in as the coordinator (shown this once; only a hash is stored):
                  login:    \(credentials.login)
                  password: \(credentials.password)
                """)
        }
    }
}

import HamkariCore
