import Foundation
import HamkariSecurity
import HamkariStore

/// A place for a command-line instance in tests: a data directory (which always holds the keys)
/// and, on PostgreSQL, a database of its own; with the passphrase in a file, as an operator would.
public struct CLIInstance: Sendable {
    public static let passphrase = "تخار کوه‌های بلند دارد و دریا"

    public let dataDirectory: URL
    public let location: DatabaseLocation
    public let passphraseFile: URL

    /// `--data-dir …` (and `--database …` on PostgreSQL).
    public var target: [String] {
        var arguments = ["--data-dir", dataDirectory.path]
        if case .postgres(let url) = location { arguments += ["--database", url] }
        return arguments
    }

    /// `target` plus the passphrase file: what a command that unlocks the instance needs.
    public var unlocked: [String] { target + ["--passphrase-file", passphraseFile.path] }

    public static func with<T: Sendable>(_ database: TestDatabase, _ work: (CLIInstance) async throws -> T) async throws -> T {
        try await withTemporaryDirectory { directory in
            let passphraseFile = directory.appendingPathComponent("passphrase.txt")
            try Data((passphrase + "\n").utf8).write(to: passphraseFile)
            return try await database.withLocation { location in
                let dataDirectory: URL = switch location {
                case .sqlite(let url): url
                case .postgres: directory.appendingPathComponent("data")
                }
                return try await work(CLIInstance(dataDirectory: dataDirectory, location: location, passphraseFile: passphraseFile))
            }
        }
    }

    /// Opens the instance in the test process, unlocked with the passphrase.
    public func withStore<T: Sendable>(_ work: (Store) async throws -> T) async throws -> T {
        let keyRing = try KeyDirectory(dataDirectory: dataDirectory).unlock(.passphrase(Self.passphrase)).keyRing
        return try await Store.open(location, keys: try InstanceKeys(keyRing: keyRing), create: false, logger: TestDatabase.logger)
            .closing(work)
    }
}
