import ArgumentParser
import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Create, disable and reset accounts. Every change is written to the audit log.",
        subcommands: [UserCreateCommand.self, UserDisableCommand.self, UserCompromisedCommand.self, UserResetPasswordCommand.self]
    )
}

struct UserCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an account and print its first password once (only its scrypt hash is stored)."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(help: "The member organisation: its id, or its English name.")
    var organisation: String

    @Option(help: "Login handle: 3–64 lower-case letters, digits, '.', '-', '_'. Stored sealed.")
    var login: String

    @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
    var role: String

    @Option(name: .customLong("display-name"), help: "The person's name as colleagues know it. Stored sealed.")
    var displayName: String?

    @Option(help: "How to reach the person (phone, Signal, e-mail). Stored sealed.")
    var contact: String?

    func validate() throws {
        guard Role(rawValue: role) != nil else {
            throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard UserAccount.isValidLogin(login) else {
            throw ValidationError("--login must be 3 to 64 lower-case letters, digits, '.', '-' or '_'.")
        }
    }

    func run() async throws {
        let password = SecureRandom.readableSecret()
        let hash = try PasswordHash.make(password: password).encoded
        try await Instance.with(store, unlock: unlock, label: "hamkari.user") { opened in
            let member = try await Self.organisation(organisation, in: opened)
            let user = UserAccount(organisationID: member.id, login: login, role: Role(rawValue: role)!)
            try await opened.users.create(user, identity: UserIdentity(displayName: displayName, contact: contact),
                                          passwordHash: hash, actor: AuditEvent.commandLineActor)
        }
        Console.say("Created \(login) (\(role)). First password, shown this once:\n  \(password)")
    }

    static func organisation(_ reference: String, in store: Store) async throws -> Organisation {
        if let id = UUID(uuidString: reference), let found = try await store.organisations.find(id: id) { return found }
        let all = try await store.organisations.all()
        if let found = all.first(where: { $0.names.english.caseInsensitiveCompare(reference) == .orderedSame }) { return found }
        throw ValidationError("No member organisation is called \(reference). Known: \(all.map(\.names.english).joined(separator: "; ")).")
    }
}

struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account: it can no longer sign in.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "The account's login.") var login: String

    func run() async throws {
        try await Instance.with(store, unlock: unlock, label: "hamkari.user") { opened in
            let user = try await UserLookup.find(login, in: opened)
            try await opened.users.setStatus(.disabled, for: user.id, actor: AuditEvent.commandLineActor)
        }
        Console.say("Disabled \(login).")
    }
}

struct UserCompromisedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compromised",
        abstract: "A member's account is in hostile hands: disable it, end its sessions, revoke its tokens, in one step.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "The account's login.") var login: String

    func run() async throws {
        let revoked = try await Instance.with(store, unlock: unlock, label: "hamkari.user") { opened in
            let user = try await UserLookup.find(login, in: opened)
            return try await opened.users.markCompromised(user.id, actor: AuditEvent.commandLineActor)
        }
        Console.say("Locked out \(login): disabled, every session ended, \(revoked) token(s) revoked. It sees no record now.")
    }
}

struct UserResetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password", abstract: "Give an account a new random password, printed once.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "The account's login.") var login: String

    func run() async throws {
        let password = SecureRandom.readableSecret()
        let hash = try PasswordHash.make(password: password).encoded
        try await Instance.with(store, unlock: unlock, label: "hamkari.user") { opened in
            let user = try await UserLookup.find(login, in: opened)
            try await opened.users.setPasswordHash(hash, for: user.id, actor: AuditEvent.commandLineActor)
        }
        Console.say("New password for \(login), shown this once:\n  \(password)")
    }
}

enum UserLookup {
    static func find(_ login: String, in store: Store) async throws -> UserAccount {
        guard let user = try await store.users.find(login: login) else { throw StoreError.notFound(what: "The account \(login)") }
        return user
    }
}
