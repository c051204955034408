import ArgumentParser
import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an instance: its keys, its database schema and the built-in gazetteer.",
        discussion: """
            The root key is stored only wrapped: by a key derived (scrypt) from the passphrase, and/or by a \
            new key file written to --key-file (keep it on removable media). Without either, nothing can open the data.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("passphrase-file"), help: "Read the new passphrase from this file (or set HAMKARI_PASSPHRASE, or type it).")
    var passphraseFile: String?

    @Option(name: .customLong("key-file"), help: "Also write a new key file here, to unlock the instance without the passphrase.")
    var keyFile: String?

    struct NoProtection: Error, CustomStringConvertible {
        let description = "init needs a passphrase (--passphrase-file, HAMKARI_PASSPHRASE, or typed) or --key-file, or both."
    }

    func run() async throws {
        let logger = store.logger("hamkari.init")
        let keyDirectory = KeyDirectory(dataDirectory: store.dataDirectoryURL)
        if keyDirectory.exists {
            let (applied, latest) = try await Store.migrate(store.location, logger: logger)
            Console.say("\(store.location.redacted) is already a Hamkari instance (schema version \(latest)\(applied.isEmpty ? "" : ", just migrated")).")
            return
        }
        let passphrase = try Passphrase.fromFileOrEnvironment(passphraseFile) ?? Self.promptTwice()
        if let keyFile, FileManager.default.fileExists(atPath: keyFile) {
            throw ValidationError("\(keyFile) already exists; choose a new path for the key file.")
        }
        guard passphrase != nil || keyFile != nil else { throw NoProtection() }
        if let passphrase, passphrase.count < KeyEnvelope.minimumPassphraseLength {
            throw KeyDirectory.Failure.weakPassphrase
        }

        let keyRing = KeyRing.generate()
        let opened = try await Store.open(store.location, keys: try InstanceKeys(keyRing: keyRing), create: true, logger: logger)
        try await opened.closing { store in
            let keyFileSecret = keyFile.map { _ in KeyFile.newSecret() }
            if let keyFile, let keyFileSecret {
                guard FileManager.default.createFile(atPath: keyFile, contents: Data(KeyFile.removable.encode(keyFileSecret).utf8),
                                                     attributes: [.posixPermissions: 0o600]) else {
                    throw ValidationError("Cannot write the key file to \(keyFile).")
                }
            }
            try keyDirectory.create(keyRing: keyRing, passphrase: passphrase, keyFileSecret: keyFileSecret)
            try await store.audit.append(AuditEvent(actor: AuditEvent.commandLineActor, action: .instanceInitialised, target: "instance"))
        }
        Console.say("Created a Hamkari instance at \(store.location.redacted); its keys are in \(keyDirectory.url.path).")
        if let keyFile { Console.say("Key file written to \(keyFile): move it to removable media and keep it apart from the server.") }
    }

    static func promptTwice() -> String? {
        guard let first = Passphrase.prompt("New passphrase: ") else { return nil }
        guard Passphrase.prompt("Repeat it: ") == first else {
            Console.warn("The two passphrases differ.")
            return nil
        }
        return first
    }
}
