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
}
