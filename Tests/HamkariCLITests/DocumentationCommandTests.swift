import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariCore
import HamkariStore
import TestSupport
import Testing

@Suite("Command line: import and export events, vocabularies", .serialized)
struct DocumentationCommandTests {
    static let csv = """
        event_key,title,date,calendar,province,district,act_type,victim_name,victim_sex,perpetrator_type
        a,حمله بر مکتب دخترانه,1405-02,solar-hijri,Takhar,Rostaq,attack_on_school,,,non_state_armed_group
        a,حمله بر مکتب دخترانه,1405-02,solar-hijri,Takhar,Rostaq,injury,Mariam Azizi,female,non_state_armed_group
        b,Journalist detained,2026-03-04,gregorian,AF19,,arbitrary_detention,,,de_facto_authorities

        """

    /// An initialised instance with a member organisation and a documenter who records the import.
    static func prepared(_ instance: CLIInstance) async throws -> UserAccount {
        try await runHamkari(["init"] + instance.unlocked)
        return try await instance.withStore { store async throws in
            let organisation = Organisation(names: LocalizedNames(english: "Taloqan Monitors"), kind: .ngo)
            try await store.organisations.create(organisation)
            let user = UserAccount(organisationID: organisation.id, login: "monitor.cli", role: .documenter)
            try await store.users.create(user, passwordHash: nil, actor: "test")
            return user
        }
    }

    @Test("import events: a dry run imports nothing, a bad file names its lines and imports nothing, a good file imports", arguments: TestDatabase.all)
    func importEvents(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            let user = try await Self.prepared(instance)
            try await withTemporaryDirectory { directory async throws in
                let good = directory.appendingPathComponent("events.csv")
                try Data(Self.csv.utf8).write(to: good)
                let bad = directory.appendingPathComponent("bad.csv")
                try Data((Self.csv + "c,,1405-13,solar-hijri,Nowhere,,killing,,,\n").utf8).write(to: bad)
                func count() async throws -> Int {
                    try await instance.withStore { store async throws in
                        try await store.events.search(EventQuery(), visibility: EventVisibility(AccessPolicy.Subject(user))).total
                    }
                }
                try await runHamkari(["import", "events", good.path, "--dry-run", "--as", "monitor.cli"] + instance.unlocked)
                #expect(try await count() == 0)
                await #expect(throws: CommandFailure.self) {
                    try await runHamkari(["import", "events", bad.path, "--as", "monitor.cli"] + instance.unlocked)
                }
                #expect(try await count() == 0)
                await #expect(throws: CommandFailure.self) {
                    try await runHamkari(["import", "events", good.path, "--as", "nobody"] + instance.unlocked)
                }
                try await runHamkari(["import", "events", good.path, "--as", "monitor.cli"] + instance.unlocked)
                #expect(try await count() == 2)

                let out = directory.appendingPathComponent("export.csv")
                try await runHamkari(["export", "events", "--as", "monitor.cli", "--out", out.path] + instance.unlocked)
                let exported = try String(contentsOf: out, encoding: .utf8)
                #expect(exported.contains("TAK-1405-0001"))
                #expect(!exported.contains("Mariam Azizi"))
                let attributes = try FileManager.default.attributesOfItem(atPath: out.path)
                #expect((attributes[.posixPermissions] as? Int) == 0o600, "an export is readable by its owner only")
                let named = directory.appendingPathComponent("named.json")
                try await runHamkari(["export", "events", "--as", "monitor.cli", "--format", "json", "--identities", "--out", named.path]
                                     + instance.unlocked)
                #expect(try String(contentsOf: named, encoding: .utf8).contains("Mariam Azizi"))
                let actions = try await instance.withStore { store async throws in try await store.audit.recent(limit: 3).map(\.action) }
                #expect(actions.filter { $0 == AuditAction.eventsExported.rawValue }.count == 2)
            }
        }
    }

    @Test("vocab import loads the HURIDOCS micro-thesauri; a wrong file is refused", arguments: TestDatabase.all)
    func vocabularies(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            try await runHamkari(["vocab", "import", SharedData.url("huridocs/huridocs_micro_thesauri_openevsys.csv").path] + instance.unlocked)
            let lists = try await instance.withStore { store async throws in try await store.vocabularies.lists() }
            #expect(lists.reduce(0) { $0 + $1.count } == 4524)
            #expect(lists.contains { $0.list == "huridocs:types_of_acts" && $0.count == 532 })
            await #expect(throws: CommandFailure.self) {
                try await runHamkari(["vocab", "import", SharedData.url(SharedData.ochaPcodes).path] + instance.unlocked)
            }
        }
    }
}

@Suite("Command line: standards import")
struct StandardsCommandTests {
    @Test("standards import reads the four declarations and a treaty; a bad file among them imports nothing", arguments: TestDatabase.all)
    func importing(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            let broken = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("broken.xml")
            try Data("<udhr xml:lang='en'><article>".utf8).write(to: broken)
            let files = StandardsFixtures.declarations.map { SharedData.url("udhr/\($0)").path }
            do {
                try await runHamkari(["standards", "import"] + files + [broken.path] + instance.unlocked)
                Issue.record("a malformed file should stop the import")
            } catch {
                #expect("\(error)".contains("broken.xml"))
            }
            #expect(try await instance.withStore { try await $0.standards.holdings() }.isEmpty, "nothing was imported")
            try await runHamkari(["standards", "import"] + files + [SharedData.url("treaties/CEDAW_BWBV0002909.md").path] + instance.unlocked)
            let holdings = try await instance.withStore { try await $0.standards.holdings() }
            #expect(holdings["UDHR"]?.count == 4 && holdings["UDHR"]?.allSatisfy { $0.articles == 30 } == true)
            #expect(holdings["CEDAW"]?.first?.articles == 30)
        }
    }
}
