import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create and revoke bearer tokens for the JSON API. A token carries its user's rights.",
        subcommands: [TokenCreateCommand.self, TokenRevokeCommand.self]
    )
}

struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a token for an account; it is printed once and stored only as a hash.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(help: "The account's login.")
    var user: String

    @Option(help: "Lifetime: a number and d (days) or h (hours), e.g. 30d. Without it the token lasts until revoked.")
    var expires: String?

    func validate() throws {
        if let expires, Self.seconds(expires) == nil {
            throw ValidationError("--expires takes a number of days or hours, such as 30d or 12h.")
        }
    }

    static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let number = Int(text.dropLast()), number > 0, number <= 3650 * 24 else { return nil }
        switch unit {
        case "d": return TimeInterval(number) * 86_400
        case "h": return TimeInterval(number) * 3_600
        default: return nil
        }
    }

    func run() async throws {
        let expiry = expires.flatMap(Self.seconds).map { Date().addingTimeInterval($0) }
        let (id, token) = try await Instance.with(store, unlock: unlock, label: "hamkari.token") { opened in
            let account = try await UserLookup.find(user, in: opened)
            return try await opened.apiTokens.create(for: account.id, expiresAt: expiry, actor: AuditEvent.commandLineActor)
        }
        Console.say("""
            Token \(id.text) for \(user)\(expiry.map { ", valid until \($0.internetTime)" } ?? ""). \
            Shown this once:
              \(token.value)
            Use it as: Authorization: Bearer \(token.value.prefix(8))…
            """)
    }
}

struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its id.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Argument(help: "The token's id, as printed by `token create`.")
    var id: String

    func run() async throws {
        guard let tokenID = UUID(uuidString: id) else { throw ValidationError("\(id) is not a token id.") }
        try await Instance.with(store, unlock: unlock, label: "hamkari.token") { opened in
            try await opened.apiTokens.revoke(id: tokenID, actor: AuditEvent.commandLineActor)
        }
        Console.say("Revoked token \(id).")
    }
}
