import Foundation
import HamkariCore
import HamkariSecurity

extension Store {
    /// A validator that knows this instance's places and member organisations.
    public func eventValidator() async throws -> EventValidator {
        let units = try await gazetteer.all()
        let organisations = try await organisations.all()
        return EventValidator(vocabulary: .builtIn, units: units, organisations: Set(organisations.map(\.id)))
    }
}

/// What an import did, or (on a dry run, or with errors) would have done.
public struct EventImportReport: Sendable {
    public var rows: Int
    public var events: Int
    public var acts: Int
    public var errors: [CSVRowError]
    public var committed: Bool
}

extension Store {
    /// Reads a CSV file of events and, unless `dryRun` or the file has errors, stores all of it in
    /// one transaction. A file with any error changes nothing.
    public func importEvents(
        csv text: String, mapping: CSVMapping = CSVMapping(), organisationID: UUID, authorID: UUID, actor: String, source: String,
        dryRun: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> EventImportReport {
        var reader = EventCSVImport(mapping: mapping, validator: try await eventValidator(), units: try await gazetteer.all(),
                                    organisationID: organisationID, authorID: authorID)
        reader.idRandomness = { RandomBlock() }
        let result = await reader.read(text, parts: ProcessInfo.processInfo.activeProcessorCount)
        var report = EventImportReport(rows: result.rows, events: result.events.count, acts: result.events.reduce(0) { $0 + $1.acts.count },
                                       errors: result.errors, committed: false)
        guard result.errors.isEmpty, !dryRun else { return report }
        _ = try await events.createAll(result.events, actor: actor, source: source, progress: progress)
        report.committed = true
        return report
    }
}
