import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb

struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Meetings and activities, and their overdue action points.",
        subcommands: [MeetingListCommand.self, DigestSendCommand.self])
}

struct MeetingListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Meetings, newest first: day, kind, district, participants, title.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "symposium, coordination_meeting, training, awareness_session or advocacy_meeting.")
    var kind: String?

    func run() async throws {
        let chosen = try Meeting.Kind.chosen(kind, option: "kind")
        let meetings = try await Instance.with(store, unlock: unlock, label: "hamkari.meeting") { try await $0.meetings.list(kind: chosen) }
        for meeting in meetings {
            Console.say([meeting.day.numeric, meeting.kind.rawValue, meeting.districtPcode ?? "-", String(meeting.attendance.total), meeting.title]
                .joined(separator: "\t"))
        }
    }
}

struct DigestSendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Queue the digest of overdue action points now, to each owner's focal points by e-mail.",
        discussion: "The running server delivers queued messages through its --smtp server; it also sends this digest weekly by itself.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Flag(help: "Count only; queue nothing.")
    var dryRun = false

    func run() async throws {
        let result = try await Instance.with(store, unlock: unlock, label: "hamkari.digest") { opened in
            try await ActionPointDigest(store: opened).run(deliver: !dryRun)
        }
        Console.say("\(result.actionPoints) overdue action points of \(result.organisations) organisations; \(result.queued) messages queued.")
    }
}

struct AwarenessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "awareness", abstract: "The reach of awareness sessions in a period.",
        subcommands: [AwarenessReportCommand.self])
}

struct AwarenessReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Sessions and participants by province and district; districts not reached.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions
    @Option(help: "The first day, month or year (e.g. 1404, 1404-07).")
    var from: String
    @Option(help: "The last day, month or year.")
    var to: String
    @Option(help: "The calendar of --from and --to: solar-hijri (default) or gregorian.")
    var calendar = "solar-hijri"
    @Option(help: "Only this province (P-code).")
    var province: String?

    func run() async throws {
        guard let system = CalendarSystem(tag: calendar) else { throw ValidationError("--calendar: solar-hijri or gregorian.") }
        guard let first = try? EventDate.parse(from, calendar: system), let last = try? EventDate.parse(to, calendar: system) else {
            throw ValidationError("--from and --to take a day, a month or a year, such as 1404-07.")
        }
        let reach = try await Instance.with(store, unlock: unlock, label: "hamkari.awareness") { opened in
            try await opened.meetings.reach(from: first.firstISO, to: last.lastISO, province: province.map(DirectoryValidation.code),
                                            region: Array(Set(try await opened.directory.networks().flatMap(\.region))).sorted())
        }
        Console.say("Awareness sessions \(reach.from) to \(reach.to): \(reach.sessions), reaching \(reach.attendance.total) people "
                    + "(women \(reach.attendance.women), men \(reach.attendance.men), girls \(reach.attendance.girls), boys \(reach.attendance.boys)).")
        for place in reach.byProvince + reach.byDistrict {
            Console.say("\(place.pcode)\t\(place.sessions)\t\(place.attendance.total)")
        }
        Console.say("Districts with no session: \(reach.unreached.isEmpty ? "none" : reach.unreached.joined(separator: ", ")).")
    }
}
