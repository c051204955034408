/// Reads an OCHA "Global P-codes" list (columns `Location, Admin Level, P-Code, Name, Parent P-Code,
/// Valid from date`) and checks it whole, so that a bad file is refused before anything is stored.
public enum PcodeListImport {
    public static let expectedHeader = ["Location", "Admin Level", "P-Code", "Name", "Parent P-Code", "Valid from date"]

    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func parse(_ text: String, source: String) throws(Failure) -> [AdminUnit] {
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(in: text)
        } catch {
            throw Failure(line: error.line, reason: error.reason)
        }
        guard let header = records.first else { throw Failure(line: 1, reason: "the file is empty") }
        let trimmedHeader = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard trimmedHeader == expectedHeader else {
            throw Failure(line: header.line, reason: "expected the columns \(expectedHeader.joined(separator: ", "))")
        }
        var units: [AdminUnit] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            let unit = try parseRow(record, source: source)
            if let first = seen[unit.pcode] {
                throw Failure(line: record.line, reason: "P-code \(unit.pcode) already appears on line \(first)")
            }
            seen[unit.pcode] = record.line
            units.append(unit)
        }
        guard !units.isEmpty else { throw Failure(line: header.line, reason: "the file has a header but no rows") }
        try checkParents(units, lines: seen)
        return units
    }

    private static func parseRow(_ record: CSVRecord, source: String) throws(Failure) -> AdminUnit {
        func fail(_ reason: String) -> Failure { Failure(line: record.line, reason: reason) }
        guard record.fields.count == expectedHeader.count else {
            throw fail("expected \(expectedHeader.count) columns, found \(record.fields.count)")
        }
        let f = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let (country, levelText, pcode, name, parent, validFrom) = (f[0], f[1], f[2], f[3], f[4], f[5])
        guard isCountryCode(country) else { throw fail("Location \"\(country)\" is not a three-letter country code") }
        guard let levelNumber = Int(levelText), let level = AdminUnit.Level(rawValue: levelNumber) else {
            throw fail("Admin Level \"\(levelText)\" must be 1 (province) or 2 (district)")
        }
        guard isPcode(pcode) else { throw fail("P-Code \"\(pcode)\" is not a P-code such as AF18 or AF1801") }
        guard !name.isEmpty else { throw fail("the Name is empty") }
        guard name.count <= 200 else { throw fail("the Name is longer than 200 characters") }
        switch level {
        case .province:
            guard parent == country else { throw fail("a province's Parent P-Code must be the country, \(country)") }
        case .district:
            guard isPcode(parent), pcode.hasPrefix(parent), pcode.count > parent.count else {
                throw fail("district \(pcode) must have its province's P-code as parent, not \"\(parent)\"")
            }
        }
        guard isISODate(validFrom) else { throw fail("Valid from date \"\(validFrom)\" is not a date YYYY-MM-DD") }
        return AdminUnit(
            pcode: pcode, level: level, parentPcode: parent, nameEnglish: name,
            validFrom: validFrom, source: source
        )
    }

    private static func checkParents(_ units: [AdminUnit], lines: [String: Int]) throws(Failure) {
        let provinces = Set(units.filter { $0.level == .province }.map(\.pcode))
        let known = provinces.union(BuiltInGazetteer.provinces.map(\.pcode))
        for unit in units where unit.level == .district && !known.contains(unit.parentPcode) {
            throw Failure(line: lines[unit.pcode] ?? 0, reason: "district \(unit.pcode) names an unknown province \(unit.parentPcode)")
        }
    }

    static func isCountryCode(_ text: String) -> Bool {
        text.count == 3 && text.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// Two capital letters, then 2 to 10 digits: the shape of every OCHA P-code.
    public static func isPcode(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (4...12).contains(scalars.count) else { return false }
        return scalars.prefix(2).allSatisfy { ("A"..."Z").contains($0) }
            && scalars.dropFirst(2).allSatisfy { ("0"..."9").contains($0) }
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return CalendarDay(calendar: .gregorian, year: year, month: month, day: day).date != nil
    }
}

import Foundation
