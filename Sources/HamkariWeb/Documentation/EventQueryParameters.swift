import Foundation
import HamkariCore
import Hummingbird

/// Reads a search from the query string of a page or an API call. Dates may be typed in either
/// calendar (`calendar=`, or the reader's own); a value that cannot be read is an error that names it.
enum EventQueryParameters {
    static func query(from parameters: Parameters, calendar defaultCalendar: CalendarSystem) throws -> EventQuery {
        var issues: [ValidationIssue] = []
        func value(_ name: String) -> String? {
            guard let text = parameters.get(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func choice<Value: RawRepresentable>(_ name: String, _ type: Value.Type) -> Value? where Value.RawValue == String {
            guard let text = value(name) else { return nil }
            guard let choice = Value(rawValue: text) else { issues.append(.init(field: name, messageKey: "invalid_filter")); return nil }
            return choice
        }
        func number(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(Numerals.asciiDigits(text)), range.contains(number) else {
                issues.append(.init(field: name, messageKey: "invalid_filter"))
                return fallback
            }
            return number
        }
        let calendar = value("calendar").flatMap(CalendarSystem.init(tag:)) ?? defaultCalendar
        func day(_ name: String) -> EventDate? {
            guard let text = value(name) else { return nil }
            do { return try EventDate.parse(text, calendar: calendar) } catch {
                issues.append(.init(field: name, messageKey: "invalid_date"))
                return nil
            }
        }
        let vocabulary = Vocabulary.builtIn
        func term(_ name: String, _ list: VocabularyList) -> String? {
            guard let text = value(name) else { return nil }
            guard vocabulary.contains(list, text) else { issues.append(.init(field: name, messageKey: "invalid_filter")); return nil }
            return text
        }
        func pcode(_ name: String) -> String? {
            guard let text = value(name) else { return nil }
            guard text.count <= 12, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                issues.append(.init(field: name, messageKey: "invalid_filter"))
                return nil
            }
            return text.uppercased()
        }
        let query = EventQuery(
            text: String((value("q") ?? "").prefix(500)), provincePcode: pcode("province"), districtPcode: pcode("district"),
            from: day("from")?.firstISO, to: day("to")?.lastISO,
            actType: term("actType", .actType), perpetratorType: term("perpetratorType", .perpetratorType),
            status: choice("status", VerificationStatus.self), victimSex: choice("victimSex", Person.Sex.self),
            victimAgeGroup: choice("victimAgeGroup", Person.AgeGroup.self),
            organisationID: value("organisation").flatMap { text in
                guard let id = UUID(uuidString: text) else { issues.append(.init(field: "organisation", messageKey: "invalid_filter")); return nil }
                return id
            },
            limit: number("limit", default: 50, range: 1...EventQuery.maximumLimit),
            offset: number("offset", default: 0, range: 0...10_000_000))
        if !issues.isEmpty { throw AppError.invalid(issues, code: "invalid_query", messageKey: "error_invalid_query") }
        return query
    }
}
