import Foundation
import HamkariCore
import HamkariSecurity
import Logging

/// The instance's records, on whichever engine the operator chose, migrated to this program's schema.
public final class Store: Sendable {
    public let backend: any DatabaseBackend
    public let keys: InstanceKeys
    public let reference = ReferenceCache()
    /// What the dashboard counts of every event, in memory (read when first asked for).
    public let eventFacts: EventFactsCache
    let eventCreations = EventCreationQueue()

    public init(backend: any DatabaseBackend, keys: InstanceKeys) {
        self.backend = backend
        self.keys = keys
        eventFacts = EventFactsCache(backend: backend)
    }

    /// Opens (and with `create`, creates) the database, then applies pending migrations.
    public static func open(
        _ location: DatabaseLocation, keys: InstanceKeys, create: Bool, migrate: Bool = true, logger: Logger
    ) async throws -> Store {
        let backend = try await openBackend(location, create: create, logger: logger)
        let store = Store(backend: backend, keys: keys)
        if migrate {
            do {
                try await Migrator(backend: backend, logger: logger).migrate()
                try await PlannerStatistics.ensure(backend)
                try await SearchIndexRebuild(store: store).runIfNeeded()
            } catch {
                await backend.shutdown()
                throw error
            }
        }
        return store
    }

    /// Applies pending migrations without unlocking keys: the schema holds no secret.
    public static func migrate(_ location: DatabaseLocation, logger: Logger) async throws -> (applied: [Int], latest: Int) {
        let backend = try await openBackend(location, create: false, logger: logger)
        let migrator = Migrator(backend: backend, logger: logger)
        do {
            let applied = try await migrator.migrate()
            await backend.shutdown()
            return (applied, migrator.latestVersion)
        } catch {
            await backend.shutdown()
            throw error
        }
    }

    static func openBackend(_ location: DatabaseLocation, create: Bool, logger: Logger) async throws -> any DatabaseBackend {
        switch location {
        case .sqlite(let directory):
            try await SQLiteBackend.open(dataDirectory: directory, create: create, logger: logger)
        case .postgres(let url):
            try await PostgresBackend.open(url: url, logger: logger)
        }
    }

    public var organisations: OrganisationRepository { OrganisationRepository(backend: backend, cache: reference) }
    public var users: UserRepository { UserRepository(backend: backend, keys: keys) }
    public var audit: AuditLogRepository { AuditLogRepository(backend: backend, keys: keys) }
    public var settings: SettingsRepository { SettingsRepository(backend: backend, cache: reference) }
    public var sessions: SessionRepository { SessionRepository(backend: backend) }
    public var throttle: ThrottleRepository { ThrottleRepository(backend: backend) }
    public var apiTokens: APITokenRepository { APITokenRepository(backend: backend) }
    public var twoFactor: TwoFactorRepository { TwoFactorRepository(backend: backend, keys: keys) }
    public var gazetteer: GazetteerRepository { GazetteerRepository(backend: backend, cache: reference) }
    public var boundaries: BoundaryRepository { BoundaryRepository(backend: backend, cache: reference) }
    public var events: EventRepository { EventRepository(backend: backend, keys: keys, creations: eventCreations) }
    public var vocabularies: VocabularyRepository { VocabularyRepository(backend: backend) }
    public var evidence: EvidenceRepository { EvidenceRepository(backend: backend, keys: keys) }
    public var defenders: DefenderRepository { DefenderRepository(backend: backend, keys: keys) }
    public var escalations: Escalations { Escalations(backend: backend, keys: keys) }
    public var outbox: Outbox { Outbox(backend: backend, keys: keys) }
    public var standards: StandardsRepository { StandardsRepository(backend: backend) }
    public var meetings: MeetingRepository { MeetingRepository(backend: backend, keys: keys) }
    public var referrals: ReferralRepository { ReferralRepository(backend: backend, keys: keys) }
    public var announcements: AnnouncementRepository { AnnouncementRepository(backend: backend, keys: keys, directory: directory, gazetteer: gazetteer) }
    public var serviceIssues: ServiceIssueRepository { ServiceIssueRepository(backend: backend, keys: keys) }
    public var statistics: StatisticsRepository { StatisticsRepository(backend: backend, events: events, meetings: meetings, facts: eventFacts) }
    public var directory: DirectoryRepository { DirectoryRepository(backend: backend, keys: keys, cache: reference) }
    public var protection: ProtectionRecordsRepository { ProtectionRecordsRepository(backend: backend, keys: keys) }

    public func shutdown() async {
        await backend.shutdown()
    }

    /// Runs `work`, then shuts the store down, whether `work` finished or threw.
    @discardableResult
    public func closing<T>(_ work: (Store) async throws -> T) async throws -> T {
        do {
            let result = try await work(self)
            await shutdown()
            return result
        } catch {
            await shutdown()
            throw error
        }
    }

    /// The network's name in every language, as configured (or the generic name on a new instance).
    public func networkName() async throws -> LocalizedNames {
        let settings = self.settings
        return try await reference.value(.networkName) { try await Self.networkName(settings) }
    }

    private static func networkName(_ settings: SettingsRepository) async throws -> LocalizedNames {
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
