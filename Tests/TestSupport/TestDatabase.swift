import Foundation
import HamkariSecurity
import HamkariStore
import Logging

/// The engines every repository test runs on: SQLite always, PostgreSQL when CI (or a developer)
/// sets `HAMKARI_TEST_POSTGRES_URL` to a server where the tests may create databases.
public enum TestDatabase: String, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public static var all: [TestDatabase] {
        postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment["HAMKARI_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public var testDescription: String { rawValue }

    public static let logger: Logger = {
        var logger = Logger(label: "hamkari.test")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `work` with a new, migrated, empty store of this kind, and removes it afterwards.
    public func withStore<T: Sendable>(_ work: (Store) async throws -> T) async throws -> T {
        try await withLocation { location in
            try await Store.open(location, keys: .generate(), create: true, logger: Self.logger).closing(work)
        }
    }

    /// Runs `work` with a location for a new instance (a temporary data directory, or a new
    /// PostgreSQL database), which is removed afterwards.
    public func withLocation<T: Sendable>(_ work: (DatabaseLocation) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            return try await withTemporaryDirectory { directory in
                try await work(.sqlite(dataDirectory: directory.appendingPathComponent("data")))
            }
        case .postgres:
            guard let adminURL = Self.postgresAdminURL else { throw TestSetupError.noPostgres }
            let name = "hamkari_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try await PostgresBackend.open(url: adminURL, logger: Self.logger)
            try await admin.read { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            do {
                let result = try await work(.postgres(url: try Self.url(adminURL, database: name)))
                try? await admin.read { try await $0.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
                await admin.shutdown()
                return result
            } catch {
                try? await admin.read { try await $0.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
                await admin.shutdown()
                throw error
            }
        }
    }

    static func url(_ adminURL: String, database: String) throws -> String {
        guard var components = URLComponents(string: adminURL) else { throw TestSetupError.badPostgresURL }
        components.path = "/" + database
        guard let url = components.string else { throw TestSetupError.badPostgresURL }
        return url
    }
}

public enum TestSetupError: Error {
    case noPostgres
    case badPostgresURL
}

import SQLKit
import Testing
