import HamkariCore
@testable import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("A new store is migrated to the latest version with the built-in gazetteer", arguments: TestDatabase.all)
    func fresh(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let migrator = Migrator(backend: store.backend, logger: TestDatabase.logger)
            #expect(try await migrator.appliedVersions() == Set(Migrations.all.map(\.version)))
            #expect(try await store.gazetteer.count(level: .province) == 34)
            #expect(try await store.gazetteer.count(level: .district) == 67)
        }
    }

    @Test("Migrating again changes nothing", arguments: TestDatabase.all)
    func idempotent(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let applied = try await Migrator(backend: store.backend, logger: TestDatabase.logger).migrate()
            #expect(applied.isEmpty)
            #expect(try await store.gazetteer.count(level: .province) == 34)
        }
    }

    @Test("A database from a newer Hamkari is refused", arguments: TestDatabase.all)
    func newerSchema(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            try await store.backend.transaction { db async throws in
                try await db.insert(into: "hamkari_migrations").columns("version", "name", "applied_at")
                    .values(SQLBind(999), SQLBind("from the future"), SQLBind(Int64(0))).run()
            }
            await #expect(throws: StoreError.newerSchema(found: 999, known: Migrations.all.last!.version)) {
                try await Migrator(backend: store.backend, logger: TestDatabase.logger).migrate()
            }
        }
    }

    @Test("Migration versions are unique and increasing")
    func numbering() {
        let versions = Migrations.all.map(\.version)
        #expect(versions == versions.sorted())
        #expect(Set(versions).count == versions.count)
        #expect(versions.first == 1)
    }
}
