import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Repositories")
struct RepositoryTests {
    static func organisation(_ name: String = "Taloqan Lawyers", district: String? = "AF1801") -> Organisation {
        Organisation(names: LocalizedNames(english: name, dari: "وکلای تالقان"), kind: .lawyersAssociation,
                     provincePcode: "AF18", districtPcode: district)
    }

    @Test("Organisations are created, found and listed", arguments: TestDatabase.all)
    func organisations(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let organisation = Self.organisation()
            try await store.organisations.create(organisation)
            let found = try #require(try await store.organisations.find(id: organisation.id))
            #expect(found.names == organisation.names)
            #expect(found.kind == .lawyersAssociation)
            #expect(found.districtPcode == "AF1801")
            #expect(try await store.organisations.all().map(\.id) == [organisation.id])
            #expect(try await store.organisations.find(id: UUIDv7.make()) == nil)
        }
    }

    @Test("An organisation without a name is refused and nothing is stored", arguments: TestDatabase.all)
    func organisationWithoutName(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            await #expect(throws: StoreError.self) { try await store.organisations.create(Self.organisation("  ")) }
            #expect(try await store.organisations.count() == 0)
        }
    }

    @Test("An organisation in an unknown district is refused by the foreign key", arguments: TestDatabase.all)
    func unknownDistrict(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            await #expect(throws: (any Error).self) { try await store.organisations.create(Self.organisation(district: "AF9999")) }
            #expect(try await store.organisations.count() == 0)
        }
    }

    @Test("A failed transaction leaves nothing behind", arguments: TestDatabase.all)
    func atomicity(database: TestDatabase) async throws {
        struct Abort: Error {}
        try await database.withStore { store async throws in
            let organisation = Self.organisation()
            await #expect(throws: Abort.self) {
                try await store.backend.transaction { db async throws in
                    try await db.insert(into: "settings").columns("key", "value", "updated_at")
                        .values(SQLBind("network.name.en"), SQLBind("half-written"), SQLBind(Int64(0))).run()
                    _ = organisation
                    throw Abort()
                }
            }
            #expect(try await store.settings.value(.networkNameEnglish) == nil)
        }
    }

    @Test("Users: logins are unique and well-formed", arguments: TestDatabase.all)
    func users(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let organisation = Self.organisation()
            try await store.organisations.create(organisation)
            let user = UserAccount(organisationID: organisation.id, login: "monitor.1", role: .documenter, locale: .dari)
            try await store.users.create(user, passwordHash: nil, actor: "test")
            let found = try #require(try await store.users.find(login: "monitor.1"))
            #expect(found.id == user.id)
            #expect(found.role == .documenter)
            #expect(found.locale == .dari)
            let twin = UserAccount(organisationID: organisation.id, login: "monitor.1", role: .analyst)
            await #expect(throws: StoreError.conflict(reason: "The login monitor.1 is taken.")) {
                try await store.users.create(twin, passwordHash: nil, actor: "test")
            }
            let bad = UserAccount(organisationID: organisation.id, login: "Bad Login!", role: .analyst)
            await #expect(throws: StoreError.self) { try await store.users.create(bad, passwordHash: nil, actor: "test") }
            #expect(try await store.users.count() == 1)
        }
    }

    @Test("Settings are written and overwritten", arguments: TestDatabase.all)
    func settings(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            #expect(try await store.settings.value(.networkNameEnglish) == nil)
            #expect(try await store.networkName().english == "Hamkari")
            try await store.settings.set(.networkNameEnglish, to: "Kunduz Network")
            try await store.settings.set(.networkNameEnglish, to: "Takhar Network")
            #expect(try await store.settings.value(.networkNameEnglish) == "Takhar Network")
            #expect(try await store.networkName().english == "Takhar Network")
        }
    }

    @Test("The demo network is seeded once, with a coordinator whose password verifies", arguments: TestDatabase.all)
    func demo(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let credentials = try #require(try await store.seedDemoForTests())
            #expect(try await store.seedDemoForTests() == nil)
            #expect(try await store.organisations.count() == DemoNetwork.organisations.count)
            #expect(try await store.networkName() == DemoNetwork.networkName)
            let districts = Set(try await store.organisations.all().compactMap(\.districtPcode))
            #expect(districts == ["AF1801", "AF1808", "AF1810", "AF1901", "AF0901", "AF1701"])
            let hashText = try await store.users.passwordHash(login: credentials.login)
            let hash = try PasswordHash(encoded: try #require(hashText))
            #expect(try hash.verify(password: credentials.password))
            #expect(!(hashText ?? "").contains(credentials.password))
        }
    }
}
