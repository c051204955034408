import ArgumentParser
import Crypto
import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore
#if canImport(Glibc)
import Glibc
#endif

struct KeyEscrowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escrow",
        abstract: "Keep a copy of the keys with a trusted person abroad, for recovery after a shred.",
        subcommands: [KeyEscrowKeygenCommand.self, KeyEscrowAddCommand.self]
    )
}

/// Writes a secret file readable by its owner only, refusing to overwrite one.
func writePrivateFile(_ text: String, to path: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else { throw CommandFailure("\(path) exists; it was left as it is.") }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
        throw CommandFailure("Cannot write \(path).")
    }
}

struct KeyEscrowKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an escrow key pair (run it on the escrow holder's own machine, abroad).",
        discussion: "Writes NAME.identity (private: keep it safe, never send it) and NAME.pub (send this to the network)."
    )

    @Option(help: "Path and name of the two files to write, without extension.")
    var out: String

    func run() throws {
        let identity = KeyEscrow.newIdentity()
        try writePrivateFile(KeyEscrow.identityText(identity), to: out + ".identity")
        try writePrivateFile(KeyEscrow.recipientText(identity.publicKey), to: out + ".pub")
        Console.say("Wrote \(out).identity (keep it, never send it) and \(out).pub (send it). Fingerprint: \(KeyEscrow.fingerprint(identity.publicKey)).")
    }
}

struct KeyEscrowAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Wrap the instance's keys to an escrow holder's public key; send the copy to them.",
        discussion: "Make a new copy after `hamkari key rotate`: a copy holds the key versions that existed when it was made."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Argument(help: "The escrow holder's NAME.pub file.")
    var recipient: String

    @Option(help: "Where to write the escrow copy.")
    var out: String

    func run() async throws {
        let publicKey: Curve25519.KeyAgreement.PublicKey
        do { publicKey = try KeyEscrow.recipient(from: try readTextFile(recipient, what: "the public key")) } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("\(recipient) is not an escrow public key (made by `hamkari key escrow keygen`).")
        }
        let keyDirectory = KeyDirectory(dataDirectory: store.dataDirectoryURL)
        guard keyDirectory.exists else { throw StoreError.notInitialised(path: store.dataDirectoryURL.path) }
        let unlocked = try keyDirectory.unlock(try unlock.method())
        let copy = try KeyEscrow.Copy.make(of: unlocked.keyRing, to: publicKey)
        try writePrivateFile(String(decoding: try copy.encoded(), as: UTF8.self), to: out)
        try keyDirectory.recordEscrow(copy.recipient)
        let opened = try await Store.open(store.location, keys: try InstanceKeys(keyRing: unlocked.keyRing), create: false,
                                          logger: store.logger("hamkari.key"))
        try await opened.closing { store in
            try await store.audit.append(AuditEvent(actor: AuditEvent.commandLineActor, action: .keysEscrowed, target: copy.recipient))
        }
        Console.say("Wrote the escrow copy \(out) for \(copy.recipient). Send it to its holder; it opens only with their identity file.")
    }
}

struct KeyShredCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shred",
        abstract: "Emergency: destroy every copy of the keys in the data directory. Sealed data becomes unreadable.",
        discussion: """
            Names, narratives and evidence files can afterwards be read only by recovering from an escrow copy held abroad
            (`hamkari key recover`). Counts over plain facets (dates, places, types) still work. A running server notices
            within seconds and stops. Needs --yes, or typing SHRED when asked.
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func run() async throws {
        let keyDirectory = KeyDirectory(dataDirectory: store.dataDirectoryURL)
        guard keyDirectory.exists else { throw StoreError.notInitialised(path: store.dataDirectoryURL.path) }
        if !yes {
            guard Console.canAsk else { throw CommandFailure("Refusing to shred without --yes (no terminal to confirm on).") }
            let typed = Console.ask("This destroys the keys: sealed data will be unreadable without an escrow copy. Type SHRED to confirm:")
            guard typed?.trimmingCharacters(in: .whitespaces) == "SHRED" else { throw CommandFailure("Not confirmed; nothing was destroyed.") }
        }
        // The audit entry needs no key: it is written first, so the log records the shred even though nothing sealed can follow.
        let witness = try await Store.open(store.location, keys: .generate(), create: false, logger: store.logger("hamkari.key"))
        try await witness.closing { store in
            try await store.audit.append(AuditEvent(actor: AuditEvent.commandLineActor, action: .keysShredded, target: "keys"))
        }
        let started = ContinuousClock.now
        let destroyed = try keyDirectory.shred()
        let elapsed = ContinuousClock.now - started
        Console.say("Destroyed \(destroyed.count) key file(s) (\(destroyed.joined(separator: ", "))) in \(elapsed.formatted(.units(allowed: [.milliseconds]))).")
    }
}

struct KeyRecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Restore the keys from an escrow copy, with its holder's identity file, under a new passphrase.",
        discussion: "The new passphrase comes from --passphrase-file, HAMKARI_PASSPHRASE or a prompt; --key-file-out also writes a new key file."
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("escrow-identity"), help: "The escrow holder's NAME.identity file.")
    var identityFile: String

    @Option(name: .customLong("escrow-copy"), help: "The escrow copy made by `hamkari key escrow add`.")
    var copyFile: String

    @Option(name: .customLong("passphrase-file"), help: "Read the new passphrase from this file (its first line).")
    var passphraseFile: String?

    @Option(name: .customLong("key-file-out"), help: "Also write a new key file here (for removable media).")
    var keyFileOut: String?

    func run() async throws {
        let identity: Curve25519.KeyAgreement.PrivateKey
        do { identity = try KeyEscrow.identity(from: try readTextFile(identityFile, what: "the identity file")) } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("\(identityFile) is not an escrow identity file.")
        }
        guard let data = FileManager.default.contents(atPath: copyFile) else { throw CommandFailure("Cannot read the escrow copy \(copyFile).") }
        let keyRing: KeyRing
        do { keyRing = try KeyEscrow.Copy.decode(data).open(with: identity) } catch {
            throw CommandFailure(error == .notAnEscrowCopy ? "\(copyFile) is not an escrow copy."
                                 : "The identity \(identityFile) does not open \(copyFile) (another holder's copy, or altered).")
        }
        let keyDirectory = KeyDirectory(dataDirectory: store.dataDirectoryURL)
        guard !keyDirectory.exists else { throw CommandFailure("\(keyDirectory.url.path) already holds keys; recover into a shredded or new data directory.") }
        let passphrase = try Passphrase.fromFileOrEnvironment(passphraseFile) ?? Passphrase.prompt("New passphrase: ")
        let keyFileSecret = keyFileOut.map { _ in KeyFile.newSecret() }
        guard passphrase != nil || keyFileSecret != nil else { throw CommandFailure("Give a new passphrase or --key-file-out.") }
        try keyDirectory.restore(keyRing, passphrase: passphrase, keyFileSecret: keyFileSecret)
        if let keyFileOut, let keyFileSecret { try writePrivateFile(KeyFile.removable.encode(keyFileSecret), to: keyFileOut) }
        let opened = try await Store.open(store.location, keys: try InstanceKeys(keyRing: keyRing), create: false, logger: store.logger("hamkari.key"))
        try await opened.closing { store in
            try await store.audit.append(AuditEvent(actor: AuditEvent.commandLineActor, action: .keysRecovered, target: "v\(keyRing.current)"))
        }
        Console.say("Recovered \(keyRing.versions.count) key version(s) from \(copyFile). The instance opens again with the new passphrase.")
    }
}
