import Foundation
import HamkariCore
import Logging

/// The instance's records, on whichever engine the operator chose, migrated to this program's schema.
public final class Store: Sendable {
    public let backend: any DatabaseBackend

    public init(backend: any DatabaseBackend) {
        self.backend = backend
    }

    /// Opens (and with `create`, creates) the database, then applies pending migrations.
    public static func open(
        _ location: DatabaseLocation, create: Bool, migrate: Bool = true, logger: Logger
    ) async throws -> Store {
        let backend: any DatabaseBackend = switch location {
        case .sqlite(let directory):
            try await SQLiteBackend.open(dataDirectory: directory, create: create, logger: logger)
        case .postgres(let url):
            try await PostgresBackend.open(url: url, logger: logger)
        }
        let store = Store(backend: backend)
        if migrate {
            do {
                try await Migrator(backend: backend, logger: logger).migrate()
            } catch {
                await backend.shutdown()
                throw error
            }
        }
        return store
    }

    public var organisations: OrganisationRepository { OrganisationRepository(backend: backend) }
    public var users: UserRepository { UserRepository(backend: backend) }
    public var settings: SettingsRepository { SettingsRepository(backend: backend) }
    public var gazetteer: GazetteerRepository { GazetteerRepository(backend: backend) }

    public func shutdown() async {
        await backend.shutdown()
    }

    /// The network's name in every language, as configured (or the generic name on a new instance).
    public func networkName() async throws -> LocalizedNames {
        let settings = self.settings
        guard let english = try await settings.value(.networkNameEnglish) else {
            return LocalizedNames(english: "Hamkari", dari: "همکاری", pashto: "همکاري", uzbek: "Hamkori")
        }
        return LocalizedNames(
            english: english,
            dari: try await settings.value(.networkNameDari),
            pashto: try await settings.value(.networkNamePashto),
            uzbek: try await settings.value(.networkNameUzbek)
        )
    }
}
