import Foundation

/// Writes events in Hamkari's CSV layout (`EventCSVLayout`), one row per act, so that the file
/// imports again. Identity columns are written only when `identities` is true.
public enum EventCSVExport {
    public static func header(identities: Bool) -> [String] {
        EventCSVLayout.columns.filter { identities || !EventCSVLayout.identityColumns.contains($0) }
    }

    /// With `hxl`, a row of HXL hashtags under the header and the counts humanitarian tools expect.
    public static func csv(_ events: [Event], identities: Bool, preciseLocation: Bool, hxl: Bool = false) -> String {
        let columns = header(identities: identities) + (hxl ? EventHXL.derivedColumns : [])
        var text = CSVWriter.line(columns)
        if hxl { text += CSVWriter.line(columns.map(EventHXL.tag(of:))) }
        for event in events {
            for row in rows(event, preciseLocation: preciseLocation, hxl: hxl) {
                text += CSVWriter.line(columns.map { row[$0] ?? "" })
            }
        }
        return text
    }

    static func rows(_ event: Event, preciseLocation: Bool, hxl: Bool = false) -> [[String: String]] {
        let coordinates = preciseLocation ? event.coordinates : event.coordinates?.rounded
        var base: [String: String] = [
            "event_key": event.reference, "reference": event.reference, "status": event.status.rawValue, "title": event.title,
            "description": event.description, "date": event.date?.entered ?? "", "calendar": (event.date?.calendar ?? .solarHijri).rawValue,
            "province": event.provincePcode ?? "", "district": event.districtPcode ?? "",
            "village": preciseLocation ? event.village ?? "" : "",
            "latitude": coordinates.map { String($0.latitude) } ?? "", "longitude": coordinates.map { String($0.longitude) } ?? "",
            "confidentiality": event.confidentiality.rawValue,
        ]
        if let source = event.sources.first {
            base["source_method"] = source.method.rawValue
            base["source_reliability"] = source.reliability.rawValue
            base["source_credibility"] = String(source.credibility)
            base["source_consent"] = source.consent.rawValue
        }
        guard !event.acts.isEmpty else { return [base] }
        return event.acts.map { act in
            var row = base
            row["act_type"] = act.type
            // An act's own date is written in the calendar of the event's date, which the row's `calendar` names.
            row["act_date"] = act.date.map { date in
                var shown = date
                shown.calendar = event.date?.calendar ?? .solarHijri
                return shown.entered
            } ?? ""
            row["rights"] = act.rightsAffected.joined(separator: ";")
            row["act_notes"] = act.notes
            switch act.victim {
            case .person(let id):
                if let person = event.person(id) {
                    row["victim_name"] = person.identity?.name ?? ""
                    row["victim_sex"] = person.sex.rawValue
                    row["victim_age_group"] = person.ageGroup.rawValue
                    row["victim_occupation"] = person.occupation.rawValue
                    row["victim_is_hrd"] = person.isHumanRightsDefender ? "yes" : "no"
                }
            case .group(let count):
                row["victims_men"] = String(count.men)
                row["victims_women"] = String(count.women)
                row["victims_boys"] = String(count.boys)
                row["victims_girls"] = String(count.girls)
                row["victims_unknown"] = String(count.unknown)
            }
            if let involvement = act.involvements.first {
                row["perpetrator_type"] = involvement.perpetratorType
                row["perpetrator_group"] = involvement.perpetratorGroup ?? ""
                row["involvement_degree"] = involvement.degree
            }
            if hxl { row.merge(EventHXL.derived(act)) { _, derived in derived } }
            return row
        }
    }
}

/// RFC 4180 output: a field with a comma, quote or line break is quoted, quotes doubled; CRLF ends a line.
public enum CSVWriter {
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// Decided on the UTF-8 bytes, never on characters: `"\r\n"` is one Swift `Character`, equal to neither
    /// `"\r"` nor `"\n"`, and a quote or comma followed by a combining mark is one too — compared as characters,
    /// a narrative typed in a browser (whose line breaks are CRLF) went out unquoted and broke its row.
    static func field(_ value: String) -> String {
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs: neutralised with a quote.
        var value = value
        if let first = value.utf8.first, formulaStarts.contains(first), Double(value) == nil { value = "'" + value }
        guard value.utf8.contains(where: { $0 == comma || $0 == quote || $0 == lineFeed || $0 == carriageReturn }) else { return value }
        var bytes: [UInt8] = [quote]
        bytes.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let formulaStarts = Array("=+-@".utf8)
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
}
