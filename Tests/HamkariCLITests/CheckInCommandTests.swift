import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariCore
import HamkariStore
import TestSupport
import Testing

@Suite("Command line: check in", .serialized)
struct CheckInCommandTests {
    @Test("checkin puts a defender's arrangement back on time; without one it says so", arguments: TestDatabase.all)
    func checkIn(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            let profileID = try await instance.withStore { store async throws in
                let organisation = Organisation(names: LocalizedNames(english: "Taloqan Monitors"), kind: .ngo)
                try await store.organisations.create(organisation)
                for login in ["defender.cli", "other.cli"] {
                    try await store.users.create(UserAccount(organisationID: organisation.id, login: login, role: .defender),
                                                 passwordHash: nil, actor: "test")
                }
                let account = try #require(try await store.users.find(login: "defender.cli"))
                let profile = DefenderProfile(accountID: account.id, identity: DefenderIdentity(name: "Farzana Noori"))
                try await store.defenders.create(profile, actor: "test")
                try await store.defenders.setPlan(CheckInPlan(defenderID: profile.id, interval: .seconds(60), grace: .seconds(1),
                                                              lastCheckIn: Date().addingTimeInterval(-3600), stage: .askedDefender), actor: "test")
                return profile.id
            }
            try await runHamkari(["checkin", "--as", "defender.cli"] + instance.unlocked)
            let stage = try await instance.withStore { store async throws in try await store.defenders.plan(for: profileID)?.stage }
            #expect(stage == .onTime)
            await #expect(throws: CommandFailure.self) { try await runHamkari(["checkin", "--as", "other.cli"] + instance.unlocked) }
        }
    }
}
