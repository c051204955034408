import Foundation
import HamkariCore
import HamkariStore

/// Exports for the web, the API and the command line alike: what the account may see, identities
/// only on request and where its role and each record's compartment allow; every export audited.
public enum EventExport {
    /// csv (Hamkari's import layout), hxl (the same, HXL-tagged) or json.
    public static let formats = ["csv", "hxl", "json"]

    public enum Failure: Error, CustomStringConvertible {
        case identitiesNotAllowed
        case notAllowed

        public var description: String {
            switch self {
            case .identitiesNotAllowed: "This account may not see identities; export without --identities."
            case .notAllowed: "This account may not export events."
            }
        }
    }

    public static func data(
        from store: Store, as user: UserAccount, format: String, identities: Bool, query: EventQuery = EventQuery(limit: EventQuery.maximumLimit)
    ) async throws -> Data {
        let subject = AccessPolicy.Subject(user)
        guard AccessPolicy.decide(subject, .exportEvents).isAllowed else { throw Failure.notAllowed }
        if identities, !AccessPolicy.decide(subject, .viewIdentity, on: .network).isAllowed { throw Failure.identitiesNotAllowed }
        var events = try await store.events.export(
            query, visibility: EventVisibility(subject),
            identitiesFor: identities ? user.id.text : nil, actor: user.id.text, format: format)
        for index in events.indices
        where !AccessPolicy.decide(subject, .viewIdentity, on: EventVisibility.resource(of: events[index])).isAllowed {
            for person in events[index].people.indices { events[index].people[person].identity = nil }
        }
        let precise = AccessPolicy.decide(subject, .viewPreciseLocation, on: .network).isAllowed
        if format == "csv" || format == "hxl" {
            return Data(EventCSVExport.csv(events, identities: identities, preciseLocation: precise, hxl: format == "hxl").utf8)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let documents = events.map {
            EventDocument($0, identities: identities, preciseLocation: AccessPolicy.decide(subject, .viewPreciseLocation,
                                                                                          on: EventVisibility.resource(of: $0)).isAllowed)
        }
        return try encoder.encode(EventTransferController.ExportDocument(events: documents))
    }
}
