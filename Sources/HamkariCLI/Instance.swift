import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import Logging

/// Opens an instance for a command: unlocks its keys, then opens (and migrates) its database.
enum Instance {
    /// Checks that there is an instance before asking for its passphrase, so that a mistyped
    /// --data-dir is reported as such (and a damaged database as damaged), not as "locked".
    static func open(
        _ options: StoreOptions, unlock: @autoclosure () throws -> KeyDirectory.Unlock, logger: Logger
    ) async throws -> Store {
        if case .sqlite(let directory) = options.location { try SQLiteBackend.checkExisting(dataDirectory: directory) }
        let keyDirectory = KeyDirectory(dataDirectory: options.dataDirectoryURL)
        guard keyDirectory.exists else { throw StoreError.notInitialised(path: options.dataDirectoryURL.path) }
        let keys = try InstanceKeys(keyRing: try keyDirectory.unlock(try unlock()).keyRing)
        return try await Store.open(options.location, keys: keys, create: false, logger: logger)
    }

    /// Runs `work` on the opened store and always closes it.
    static func with<T>(
        _ options: StoreOptions, unlock: UnlockOptions, label: String, _ work: (Store) async throws -> T
    ) async throws -> T {
        try await open(options, unlock: try unlock.method(), logger: options.logger(label)).closing(work)
    }

    /// A demonstration instance keeps its root key in the clear beside the data; a new data
    /// directory gets one. Never for real records.
    static func openDemo(_ options: StoreOptions, logger: Logger) async throws -> Store {
        Console.warn("DEMONSTRATION MODE: invented data; not for real records. The key is kept unprotected beside the data.")
        let keyDirectory = KeyDirectory(dataDirectory: options.dataDirectoryURL)
        if keyDirectory.exists {
            return try await open(options, unlock: .demo, logger: logger)
        }
        let keyRing = KeyRing.generate()
        let opened = try await Store.open(options.location, keys: try InstanceKeys(keyRing: keyRing), create: true, logger: logger)
        do {
            try keyDirectory.create(keyRing: keyRing, passphrase: nil, keyFileSecret: nil, demo: true)
        } catch {
            await opened.shutdown()
            throw error
        }
        return opened
    }

    /// Seeds the demonstration network, with events and the network's work, on an empty instance and
    /// shows the coordinator's login once.
    /// `withContent: false` seeds the network alone, for a caller that fills it itself.
    static func announceDemo(_ store: Store, withContent: Bool = true) async throws {
        if let credentials = try await DemoSeeder(store: store).seedIfEmpty() {
            if withContent { try await DemoFiller(store: store).firstStart() }
            Console.say("""
                Demo network created: \(DemoNetwork.networkName.english).
                Sign in as the coordinator (shown this once; only a hash is stored):
                  login:    \(credentials.login)
                  password: \(credentials.password)
                """)
        }
    }
}
