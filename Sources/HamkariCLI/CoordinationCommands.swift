import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct AnnouncementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announcement", abstract: "Announcements to members, by province, district or theme.",
        subcommands: [AnnouncementPublishCommand.self, AnnouncementListCommand.self])
}

struct AnnouncementPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publish an announcement: shown in the application to the members it is for.",
        discussion: "With --email it is also queued to those members' focal points; the running server sends it through its --smtp server.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "The login of the coordinator who signs it.")
    var by: String
    @Option(help: "Its title.")
    var title: String
    @Option(help: "Its text.")
    var body = ""
    @Option(help: "Only for members working in these provinces (P-codes, separated by commas).")
    var provinces: String?
    @Option(help: "Only for members working in these districts (P-codes, separated by commas).")
    var districts: String?
    @Option(help: "Only for members working on these themes, separated by commas.")
    var themes: String?
    @Flag(help: "Also queue it by e-mail to the focal points of the organisations it is for.")
    var email = false

    func run() async throws {
        let fields = AnnouncementFields(title: title, body: body, provinces: OrganisationCreateCommand.list(provinces),
                                        districts: OrganisationCreateCommand.list(districts), themes: OrganisationCreateCommand.list(themes))
        let (announcement, reach, queued) = try await Instance.with(store, unlock: unlock, label: "hamkari.announcement") { opened in
            guard let author = try await opened.users.find(login: by), author.role == .coordinator else {
                throw CommandFailure("--by: \(by) is not a coordinator's login. Nothing was published.")
            }
            let units = try await opened.gazetteer.byPcode()
            let (announcement, issues) = fields.announcement(by: author.id, units: units)
            try OrganisationCreateCommand.refuse(issues)
            guard let announcement else { throw CommandFailure("Nothing was published.") }
            let queued = try await opened.announcements.publish(announcement, deliver: email, actor: AuditEvent.commandLineActor)
            return (announcement, try await opened.announcements.organisations(for: announcement).count, queued)
        }
        Console.say("Published \(announcement.id.text) to \(reach) organisations; \(queued) e-mails queued.")
    }
}

struct AnnouncementListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Announcements, newest first: day, places, themes, readers, title.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    func run() async throws {
        let rows = try await Instance.with(store, unlock: unlock, label: "hamkari.announcement") { opened in
            var rows: [String] = []
            for announcement in try await opened.announcements.all() {
                let places = announcement.provinces + announcement.districts
                rows.append([CalendarDay(announcement.createdAt, in: .gregorian).numeric, places.isEmpty ? "all" : places.joined(separator: ","),
                             announcement.themes.isEmpty ? "all" : announcement.themes.map(\.rawValue).joined(separator: ","),
                             String(try await opened.announcements.readers(of: announcement.id).count), announcement.title].joined(separator: "\t"))
            }
            return rows
        }
        rows.forEach(Console.say)
    }
}

struct ReferralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral", abstract: "Referrals between member organisations.", subcommands: [ReferralListCommand.self])
}

struct ReferralListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Referrals, newest first: day, person's code, service, status, from, to. Never a name.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "Only those with this status (sent, accepted, declined, completed).")
    var status: String?

    func run() async throws {
        let chosen = try Referral.Status.chosen(status, option: "status")
        let rows = try await Instance.with(store, unlock: unlock, label: "hamkari.referral") { opened in
            let names = Dictionary(uniqueKeysWithValues: try await opened.organisations.all().map { ($0.id, $0.names.english) })
            return try await opened.referrals.all().filter { chosen == nil || $0.status == chosen }.map { referral in
                [CalendarDay(referral.createdAt, in: .gregorian).numeric, referral.personCode, referral.service.rawValue, referral.status.rawValue,
                 names[referral.fromOrganisationID] ?? "-", names[referral.toOrganisationID] ?? "-"].joined(separator: "\t")
            }
        }
        rows.forEach(Console.say)
    }
}

struct ServiceIssueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service-issue", abstract: "Essential-services issues raised with the authorities.", subcommands: [ServiceIssueListCommand.self])
}

struct ServiceIssueListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Issues by district and service: district, service, status, raised, community, authority.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Flag(help: "Only those still open (raised or in discussion).")
    var open = false
    @Option(help: "Only this district (P-code).")
    var district: String?
    @Option(help: "Only this service (\(ServiceIssue.Service.allCases.map(\.rawValue).joined(separator: ", "))).")
    var service: String?

    func run() async throws {
        let chosen = try ServiceIssue.Service.chosen(service, option: "service")
        let issues = try await Instance.with(store, unlock: unlock, label: "hamkari.service-issue") { opened in
            try await opened.serviceIssues.list(openOnly: open, district: district.map(DirectoryValidation.code), service: chosen)
        }
        let sorted = issues.sorted { ($0.districtPcode ?? "", $0.service.rawValue) < ($1.districtPcode ?? "", $1.service.rawValue) }
        for issue in sorted {
            Console.say([issue.districtPcode ?? "-", issue.service.rawValue, issue.status.rawValue, issue.raisedOn.numeric, issue.community, issue.authority]
                .joined(separator: "\t"))
        }
    }
}
