import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb

struct OrganisationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organisation", abstract: "The member directory: organisations, their areas and themes.",
        subcommands: [OrganisationCreateCommand.self, OrganisationListCommand.self])
}

/// The names an organisation or a network is given on the command line.
struct NameOptions: ParsableArguments {
    @Option(name: .customLong("name-en"), help: "The name in English (required).")
    var english: String
    @Option(name: .customLong("name-fa"), help: "The name in Dari.")
    var dari: String?
    @Option(name: .customLong("name-ps"), help: "The name in Pashto.")
    var pashto: String?
    @Option(name: .customLong("name-uz"), help: "The name in Uzbek.")
    var uzbek: String?

    var tagged: [String: String] {
        ["en": english, "fa-AF": dari ?? "", "ps": pashto ?? "", "uz": uzbek ?? ""]
    }
}

struct OrganisationCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Add a member organisation to the directory.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @OptionGroup var names: NameOptions
    @Option(help: "ngo, womens_association, youth_group, media_outlet, lawyers_association, community_council, religious_scholars, professional_union or other.")
    var kind = "ngo"
    @Option(help: "The P-code of the province it is based in.")
    var province: String?
    @Option(help: "The P-code of the district it is based in.")
    var district: String?
    @Option(help: "P-codes of the provinces and districts it covers, separated by commas.")
    var areas: String?
    @Option(help: "Its themes, separated by commas (\(Theme.allCases.map(\.rawValue).joined(separator: ", "))).")
    var themes: String?

    func run() async throws {
        let fields = OrganisationFields(names: names.tagged, kind: kind, provincePcode: province, districtPcode: district,
                                        areas: Self.list(areas), themes: Self.list(themes))
        let profile = try await Instance.with(store, unlock: unlock, label: "hamkari.organisation") { opened in
            let units = try await opened.gazetteer.byPcode()
            let blank = OrganisationProfile(organisation: Organisation(names: LocalizedNames(english: ""), kind: .ngo))
            let (profile, issues) = DirectoryValidation.checked(fields, over: blank, units: units)
            try Self.refuse(issues)
            try await opened.directory.create(profile, actor: AuditEvent.commandLineActor)
            return profile
        }
        Console.say("Added \(profile.organisation.names.english) (\(profile.organisation.id.text)).")
    }

    static func list(_ text: String?) -> [String]? {
        text.map { $0.split(separator: ",").map { String($0).trimmingWhiteSpace } }
    }

    /// Stops with every problem in words, before anything is stored.
    static func refuse(_ issues: [ValidationIssue]) throws {
        guard !issues.isEmpty else { return }
        let localizer = try Localizer.loadBundled()
        throw CommandFailure(issues.map { "\($0.field): " + localizer.string($0.messageKey, .english) }.joined(separator: "\n") + "\nNothing was stored.")
    }
}

struct OrganisationListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The directory, by district and theme.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "Only those working in this district (or in all its province).")
    var district: String?
    @Option(help: "Only those working on this theme.")
    var theme: String?

    func run() async throws {
        let chosenTheme: Theme? = try theme.map {
            guard let known = Theme(rawValue: $0) else { throw ValidationError("--theme: one of \(Theme.allCases.map(\.rawValue).joined(separator: ", ")).") }
            return known
        }
        let profiles = try await Instance.with(store, unlock: unlock, label: "hamkari.organisation") { opened in
            try await opened.directory.directory(district: district.map(DirectoryValidation.code), theme: chosenTheme)
        }
        for profile in profiles {
            Console.say([profile.organisation.id.text, profile.organisation.names.english, profile.organisation.kind.rawValue,
                         profile.areas.joined(separator: ","), profile.themes.map(\.rawValue).joined(separator: ",")].joined(separator: "\t"))
        }
    }
}

struct NetworkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network", abstract: "Networks of organisations and their members.",
        subcommands: [NetworkCreateCommand.self, NetworkJoinCommand.self])
}

struct NetworkCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a network for a region.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @OptionGroup var names: NameOptions
    @Option(help: "P-codes of the provinces it works in, separated by commas.")
    var region: String

    func run() async throws {
        let network = try await Instance.with(store, unlock: unlock, label: "hamkari.network") { opened in
            let units = try await opened.gazetteer.byPcode()
            let (network, issues) = DirectoryValidation.network(from: NetworkFields(names: names.tagged, region: OrganisationCreateCommand.list(region)),
                                                                units: units)
            try OrganisationCreateCommand.refuse(issues)
            try await opened.directory.createNetwork(network, actor: AuditEvent.commandLineActor)
            return network
        }
        Console.say("Created \(network.names.english) (\(network.id.text)).")
    }
}

struct NetworkJoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "join", abstract: "Make an organisation a member (or observer, …) of a network.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "The network: its id or its English name.")
    var network: String
    @Option(help: "The organisation: its id or its English name.")
    var organisation: String
    @Option(help: "member, observer, suspended or former.")
    var status = "member"
    @Option(help: "Since when: one day, such as 1405-01-15.")
    var since: String?
    @Option(help: "The calendar of --since: solar-hijri (default) or gregorian.")
    var calendar = "solar-hijri"

    func run() async throws {
        try await Instance.with(store, unlock: unlock, label: "hamkari.network") { opened in
            guard let found = try await opened.directory.networks().first(where: { $0.id.text == network.lowercased() || $0.names.english == network }) else {
                throw CommandFailure("There is no network \(network).")
            }
            let member = try await UserCreateCommand.organisation(organisation, in: opened)
            let (membership, issues) = DirectoryValidation.membership(MembershipFields(status: status, since: since, calendar: calendar),
                                                                      network: found.id, organisation: member.id, calendar: .solarHijri)
            try OrganisationCreateCommand.refuse(issues)
            if let membership { try await opened.directory.setMembership(membership, actor: AuditEvent.commandLineActor) }
        }
        Console.say("\(organisation) is now \(status) of \(network).")
    }
}
