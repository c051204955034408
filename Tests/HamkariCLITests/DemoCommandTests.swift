import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariCore
import HamkariSecurity
import HamkariStore
import TestSupport
import Testing

@Suite("Command line: demo generate", .serialized)
struct DemoCommandTests {
    @Test("demo generate fills an instance with the seed's events; without a coordinator it says what is missing")
    func generate() async throws {
        try await CLIInstance.with(.sqlite) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            await #expect(throws: CommandFailure.self) { try await runHamkari(["demo", "generate", "--events", "5"] + instance.unlocked) }
            let coordinator = try await instance.withStore { store async throws in
                let organisation = Organisation(names: LocalizedNames(english: "Taloqan Monitors"), kind: .ngo)
                try await store.organisations.create(organisation)
                let user = UserAccount(organisationID: organisation.id, login: "coordinator.demo", role: .coordinator)
                try await store.users.create(user, passwordHash: nil, actor: "test")
                return user
            }
            try await runHamkari(["demo", "generate", "--events", "30", "--seed", "9"] + instance.unlocked)
            let total = try await instance.withStore { store async throws in
                try await store.events.search(EventQuery(), visibility: EventVisibility(AccessPolicy.Subject(coordinator))).total
            }
            #expect(total == 30)
        }
    }

    @Test("On a new data directory it makes a demonstration instance with the events and evidence files asked for")
    func newDemoInstance() async throws {
        try await withTemporaryDirectory { directory async throws in
            let data = directory.appendingPathComponent("demo")
            try await runHamkari(["demo", "generate", "--data-dir", data.path, "--events", "12", "--evidence", "3", "--log-level", "error"])
            let keys = try KeyDirectory(dataDirectory: data).unlock(.demo).keyRing
            let counts = try await Store.open(.sqlite(dataDirectory: data), keys: try InstanceKeys(keyRing: keys), create: false,
                                              logger: TestDatabase.logger).closing { store async throws in
                try await store.backend.read { database in
                    (try await database.raw("SELECT COUNT(*) AS n FROM events").first()?.decode(column: "n", as: Int.self),
                     try await database.raw("SELECT COUNT(*) AS n FROM evidence_files WHERE state = 'complete'").first()?.decode(column: "n", as: Int.self))
                }
            }
            #expect(counts.0 == 12)
            #expect(counts.1 == 3)
            await #expect(throws: (any Error).self, "more evidence files than events") {
                try await runHamkari(["demo", "generate", "--data-dir", data.path, "--demo-key", "--events", "2", "--evidence", "5"])
            }
        }
    }

    @Test("A first demo start finds events and the network's work on every coordination page; a second start adds nothing",
          arguments: TestDatabase.all)
    func firstStart(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let first = try await printed { try await Instance.announceDemo(store) }
            #expect(first.contains { $0.contains("login:    demo.coordinator") })
            let events = try await store.backend.read { database in
                try await database.raw("SELECT COUNT(*) AS n FROM events").first()?.decode(column: "n", as: Int.self)
            }
            #expect(events == 300)
            #expect(try await store.meetings.list().count == 2)
            #expect(try await store.meetings.overdue(on: CalendarDay(Date(), in: .gregorian)).count == 1)
            #expect(try await store.announcements.all().first?.districts == ["AF1808"])
            #expect(try await store.referrals.all().first.map { PseudonymousCode.isValid($0.personCode) } == true)
            #expect(try await store.serviceIssues.list(openOnly: true).count == 1)
            #expect(try await printed { try await Instance.announceDemo(store) }.isEmpty)
            #expect(try await store.meetings.list().count == 2)
        }
    }
}
