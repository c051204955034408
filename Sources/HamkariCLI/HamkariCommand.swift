import ArgumentParser

/// `hamkari`: run and administer a Hamkari instance.
public struct HamkariCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hamkari",
        abstract: "Hamkari: document human rights violations, protect defenders, coordinate a civil-society network.",
        discussion: """
            Every command works on the embedded SQLite database in --data-dir (default ./hamkari-data),
            or on PostgreSQL when --database postgres://… or HAMKARI_DATABASE_URL is given.
            """,
        subcommands: [
            ServeCommand.self, InitCommand.self, MigrateCommand.self, GazetteerCommand.self, StandardsCommand.self, OrganisationCommand.self, NetworkCommand.self, MeetingCommand.self, AwarenessCommand.self,
            AnnouncementCommand.self, ReferralCommand.self, ServiceIssueCommand.self,
            UserCommand.self, TokenCommand.self, KeyCommand.self, AuditCommand.self,
            ImportCommand.self, ExportCommand.self, ReportCommand.self, VocabularyCommand.self, CheckInCommand.self, DemoCommand.self, BenchCommand.self,
        ]
    )

    public init() {}
}
