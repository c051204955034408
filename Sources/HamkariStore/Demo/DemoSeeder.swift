import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Fills an empty instance with the demonstration network and one coordinator account.
public struct DemoSeeder: Sendable {
    public struct Credentials: Sendable {
        public let login: String
        public let password: String
    }

    public static let coordinatorLogin = "demo.coordinator"

    let store: Store
    let passwordParameters: PasswordHash.Parameters

    public init(store: Store, passwordParameters: PasswordHash.Parameters = .interactive) {
        self.store = store
        self.passwordParameters = passwordParameters
    }

    /// Seeds the network when the instance has no organisation yet. Returns the coordinator's
    /// credentials the one time they are made (the password is stored only as a hash), else nil.
    public func seedIfEmpty() async throws -> Credentials? {
        guard try await store.organisations.count() == 0 else { return nil }
        let password = SecureRandom.readableSecret()
        let hash = try PasswordHash.make(password: password, parameters: passwordParameters).encoded
        let organisations = DemoNetwork.organisations
        let coordinator = UserAccount(organisationID: organisations[0].id, login: Self.coordinatorLogin, role: .coordinator)
        let name = DemoNetwork.networkName
        let keys = store.keys
        let dialect = store.backend.dialect
        let seeded = try await store.backend.transaction { database in
            let count = try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("organisations").first()?.decode(column: "n", as: Int.self) ?? 0
            guard count == 0 else { return false }
            for (index, organisation) in organisations.enumerated() {
                try await OrganisationRepository.insert(organisation, into: database)
                let profile = DemoNetwork.profiles[index % DemoNetwork.profiles.count]
                try await DirectoryRepository.writeProfile(OrganisationProfile(organisation: organisation, areas: profile.areas,
                                                                               themes: profile.themes), in: database)
            }
            for (network, members) in DemoNetwork.networks {
                try await DirectoryRepository.insert(network, in: database)
                for member in members {
                    try await DirectoryRepository.upsert(NetworkMembership(networkID: network.id, organisationID: organisations[member].id,
                                                                           status: .member, since: CalendarDay(iso: "2024-03-21")), in: database)
                }
            }
            try await UserRepository.insert(
                coordinator, identity: UserIdentity(displayName: "Demo Coordinator", contact: "coordinator@demo.invalid"),
                passwordHash: hash, keys: keys, into: database)
            try await AuditLogRepository.append(
                AuditEvent(actor: AuditEvent.systemActor, action: .demoSeeded, target: coordinator.id.text),
                in: database, dialect: dialect)
            try await SettingsRepository.set(.networkNameEnglish, to: name.english, in: database)
            for (key, value) in [(SettingsRepository.Key.networkNameDari, name.dari),
                                 (.networkNamePashto, name.pashto), (.networkNameUzbek, name.uzbek)] {
                if let value { try await SettingsRepository.set(key, to: value, in: database) }
            }
            try await SettingsRepository.set(.demo, to: "true", in: database)
            return true
        }
        await store.reference.forgetAll()
        return seeded ? Credentials(login: Self.coordinatorLogin, password: password) : nil
    }
}
