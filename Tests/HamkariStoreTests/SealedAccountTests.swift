import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Sealed accounts")
struct SealedAccountTests {
    static let displayName = "Zarghona Ahmadzai"
    static let contact = "+93 799 123 456"
    static let login = "zarghona.monitor"

    static func createUser(in store: Store) async throws -> UserAccount {
        let organisation = Organisation(names: LocalizedNames(english: "Taloqan Monitors"), kind: .ngo,
                                        provincePcode: "AF18", districtPcode: "AF1801")
        try await store.organisations.create(organisation)
        let user = UserAccount(organisationID: organisation.id, login: login, role: .documenter)
        try await store.users.create(user, identity: UserIdentity(displayName: displayName, contact: contact),
                                     passwordHash: nil, actor: "test")
        return user
    }

    @Test("A user is found by login and their identity opens, each view audited", arguments: TestDatabase.all)
    func roundTrip(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let user = try await Self.createUser(in: store)
            let found = try #require(try await store.users.find(login: "  Zarghona.Monitor "))
            #expect(found.id == user.id)
            #expect(found.login == Self.login)
            let before = try await store.audit.count()
            let identity = try await store.users.identity(of: user.id, viewer: "coordinator-1")
            #expect(identity == UserIdentity(displayName: Self.displayName, contact: Self.contact))
            #expect(try await store.audit.count() == before + 1)
            let entry = try #require(try await store.audit.recent(limit: 1).first)
            #expect(entry.action == AuditAction.identityViewed.rawValue)
            #expect(entry.actor == "coordinator-1")
            #expect(entry.target == user.id.uuidString.lowercased())
        }
    }

    @Test("Neither the name, the contact nor the login is anywhere in the SQLite file or its WAL")
    func noPlaintextOnDisk() async throws {
        try await withTemporaryDirectory { directory async throws in
            let store = try await Store.open(.sqlite(dataDirectory: directory), keys: .generate(), create: true, logger: TestDatabase.logger)
            _ = try await Self.createUser(in: store)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("hamkari.sqlite") }
            #expect(files.contains("hamkari.sqlite-wal"), "the check must cover the WAL while it holds the new rows")
            for file in files {
                let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
                for secret in [Self.displayName, Self.contact, Self.login, "Zarghona"] {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) found in \(file)")
                }
            }
            await store.shutdown()
            let closed = try Data(contentsOf: directory.appendingPathComponent("hamkari.sqlite"))
            #expect(closed.range(of: Data("Zarghona".utf8)) == nil)
        }
    }

    @Test("Nor anywhere in the PostgreSQL rows", arguments: TestDatabase.all.filter { $0 == .postgres })
    func noPlaintextInPostgres(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            _ = try await Self.createUser(in: store)
            let dump = try await store.backend.read { db async throws in
                try await db.raw("SELECT string_agg(u::text, ' ') AS dump FROM users u").first()?.decode(column: "dump", as: String.self)
            }
            let text = try #require(dump)
            #expect(!text.contains("Zarghona") && !text.contains("799 123") && !text.contains("monitor"))
        }
    }

    @Test("Values sealed in one record cannot be moved to another", arguments: TestDatabase.all)
    func bound(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let first = try await Self.createUser(in: store)
            let organisation = try #require(try await store.organisations.all().first)
            let second = UserAccount(organisationID: organisation.id, login: "other.person", role: .analyst)
            try await store.users.create(second, identity: UserIdentity(displayName: "Other"), passwordHash: nil, actor: "test")
            try await store.backend.transaction { db async throws in
                try await db.raw("""
                    UPDATE users SET display_name_sealed = (SELECT display_name_sealed FROM users WHERE id = \(bind: first.id.uuidString.lowercased()))
                    WHERE id = \(bind: second.id.uuidString.lowercased())
                    """).run()
            }
            await #expect(throws: FieldSealer.Failure.authenticationFailed) {
                _ = try await store.users.identity(of: second.id, viewer: "test")
            }
        }
    }

    @Test("After a key rotation and a re-seal pass every value is on the new version and still opens", arguments: TestDatabase.all)
    func reseal(database: TestDatabase) async throws {
        try await database.withLocation { location async throws in
            let original = KeyRing.generate()
            var store = try await Store.open(location, keys: try InstanceKeys(keyRing: original), create: true, logger: TestDatabase.logger)
            let user = try await Self.createUser(in: store)
            await store.shutdown()
            store = try await Store.open(location, keys: try InstanceKeys(keyRing: original.rotated()), create: false, logger: TestDatabase.logger)
            #expect(try await store.users.find(login: Self.login)?.id == user.id, "old values open after rotation")
            let moved = try await ResealPass(store: store).run(actor: "test")
            #expect(moved == 3)
            let versions = try await store.backend.read { db async throws in
                try await db.select().columns("login_sealed", "display_name_sealed", "contact_sealed").from("users").all().flatMap { row in
                    try ["login_sealed", "display_name_sealed", "contact_sealed"].compactMap {
                        try row.decode(column: $0, as: Data?.self).flatMap(FieldSealer.keyVersion(of:))
                    }
                }
            }
            #expect(versions == [2, 2, 2])
            #expect(try await store.users.identity(of: user.id, viewer: "test")?.contact == Self.contact)
            #expect(try await ResealPass(store: store).run(actor: "test") == 0)
            await store.shutdown()
        }
    }
}
