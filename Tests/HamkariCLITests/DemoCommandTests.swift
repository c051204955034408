import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariCore
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
}
