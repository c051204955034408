import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct CheckInCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin",
        abstract: "Check in for a defender: their check-in arrangement is on time again.",
        discussion: "For a defender at the server's machine, or an operator relaying a check-in received by phone."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(name: .customLong("as"), help: "The login of the defender checking in.")
    var login: String

    func run() async throws {
        let plan = try await Instance.with(store, unlock: unlock, label: "hamkari.checkin") { opened in
            let user = try await account(login, in: opened)
            guard let profile = try await opened.defenders.find(account: user.id, viewer: AuditEvent.commandLineActor) else {
                throw CommandFailure("\(login) has no check-in arrangement.")
            }
            do {
                return try await opened.defenders.checkIn(profile.id, actor: AuditEvent.commandLineActor)
            } catch StoreError.notFound {
                throw CommandFailure("\(login) has no check-in arrangement.")
            }
        }
        Console.say("Checked in. Next check-in due by \(plan.dueAt.internetTime).")
    }
}
