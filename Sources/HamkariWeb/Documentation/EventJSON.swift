import Foundation
import HamkariCore

/// The API's JSON for an event, for clients inside the project (benchmarks, load tests) that post
/// events the way any client would.
public enum EventJSON {
    /// A `POST /api/v1/events` body for `event`: its own ids left out, people referred to by `ref`.
    public static func creationBody(for event: Event) throws -> Data {
        var document = EventDocument(event, identities: true, preciseLocation: true)
        document.id = nil
        document.reference = nil
        document.status = nil
        document.revision = nil
        document.createdAt = nil
        document.updatedAt = nil
        document.organisationId = nil
        document.coordinatesRounded = nil
        for index in document.people?.indices ?? 0..<0 {
            document.people?[index].id = nil
            document.people?[index].code = nil
        }
        for index in document.acts?.indices ?? 0..<0 {
            document.acts?[index].id = nil
            for number in document.acts?[index].involvements?.indices ?? 0..<0 { document.acts?[index].involvements?[number].id = nil }
        }
        for index in document.sources?.indices ?? 0..<0 { document.sources?[index].id = nil }
        for index in document.interventions?.indices ?? 0..<0 { document.interventions?[index].id = nil }
        return try JSONEncoder().encode(document)
    }
}
