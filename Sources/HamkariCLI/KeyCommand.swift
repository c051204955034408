import ArgumentParser
import HamkariCore
import HamkariSecurity
import HamkariStore

struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Manage the instance's keys.",
        subcommands: [KeyRotateCommand.self, KeyResealCommand.self, KeyEscrowCommand.self, KeyShredCommand.self, KeyRecoverCommand.self]
    )
}

struct KeyRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Add a new key version: new values are sealed under it, old ones still open. Then run `key reseal`."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    func run() async throws {
        let keyDirectory = KeyDirectory(dataDirectory: store.dataDirectoryURL)
        guard keyDirectory.exists else { throw StoreError.notInitialised(path: store.dataDirectoryURL.path) }
        let rotated = try keyDirectory.rotate(try keyDirectory.unlock(try unlock.method()))
        let opened = try await Store.open(store.location, keys: try InstanceKeys(keyRing: rotated), create: false,
                                          logger: store.logger("hamkari.key"))
        try await opened.closing { store in
            try await store.audit.append(AuditEvent(actor: AuditEvent.commandLineActor, action: .keysRotated, target: "v\(rotated.current)"))
        }
        Console.say("Key version \(rotated.current) is now in use. Run `hamkari key reseal` to move older values to it.")
    }
}

struct KeyResealCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reseal", abstract: "Re-seal every value sealed under an older key version with the newest one.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    func run() async throws {
        let moved = try await Instance.with(store, unlock: unlock, label: "hamkari.key") { opened in
            try await ResealPass(store: opened).run(actor: AuditEvent.commandLineActor)
        }
        Console.say("Re-sealed \(moved) values under the newest key version.")
    }
}
