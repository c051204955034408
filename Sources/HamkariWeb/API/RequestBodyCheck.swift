import Foundation
import HamkariCore

/// The server's reading of the main JSON request bodies, without a request around it: decode, then
/// turn into records and validate, as the handlers do. The fuzzing targets drive hostile bytes
/// through it; it must only ever answer "no", never crash.
public enum RequestBodyCheck {
    /// How many of the bodies `data` decoded as (for the fuzzer's curiosity, not for correctness).
    @discardableResult
    public static func exercise(_ data: Data) -> Int {
        let decoder = JSONDecoder()
        var decoded = 0
        if let document = try? decoder.decode(EventDocument.self, from: data) {
            decoded += 1
            if let event = try? document.event(organisationID: UUIDv7.make(), authorID: UUIDv7.make(), existing: nil) {
                _ = validator.issues(in: event)
                _ = event.searchableText
            }
        }
        if (try? decoder.decode(DefenderFields.self, from: data)) != nil { decoded += 1 }
        if let threat = try? decoder.decode(ProtectionCasesController.ThreatInput.self, from: data) {
            decoded += 1
            if let date = threat.date { _ = try? EventDate.parse(date, calendar: threat.calendar.flatMap(CalendarSystem.init(tag:)) ?? .solarHijri) }
        }
        if (try? decoder.decode(ProtectionDocuments.AssessmentInput.self, from: data)) != nil { decoded += 1 }
        if (try? decoder.decode(ProtectionDocuments.MeasureInput.self, from: data)) != nil { decoded += 1 }
        if (try? decoder.decode(ProtectionController.PlanRequest.self, from: data)) != nil { decoded += 1 }
        if let mapping = try? decoder.decode(CSVMapping.self, from: data) {
            decoded += 1
            _ = mapping.columns.count
        }
        return decoded
    }

    private static let validator = EventValidator(vocabulary: .builtIn, units: BuiltInGazetteer.all, organisations: [])
}
