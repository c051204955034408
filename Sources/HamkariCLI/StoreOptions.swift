import ArgumentParser
import Foundation
import HamkariStore
import Logging

/// Where the instance's data lives, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory: the SQLite database, evidence files and keys.")
    var dataDirectory: String = "./hamkari-data"

    @Option(name: .customLong("database"),
            help: "PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DB) instead of the embedded SQLite database. Also read from HAMKARI_DATABASE_URL.")
    var databaseURL: String?

    @Option(name: .customLong("log-level"), help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        if let url = resolvedDatabaseURL {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url.hasPrefix("postgres+") else {
                throw ValidationError("--database takes a PostgreSQL URL beginning with postgres://; leave it out to use the embedded SQLite database.")
            }
        }
    }

    var resolvedDatabaseURL: String? {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        if let fromEnvironment = ProcessInfo.processInfo.environment["HAMKARI_DATABASE_URL"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return nil
    }

    var dataDirectoryURL: URL { URL(fileURLWithPath: dataDirectory).standardizedFileURL }

    var location: DatabaseLocation {
        if let url = resolvedDatabaseURL { return .postgres(url: url) }
        return .sqlite(dataDirectory: dataDirectoryURL)
    }

    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        return logger
    }
}
