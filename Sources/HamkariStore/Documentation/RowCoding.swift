import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Small helpers shared by the documentation repositories: rows as (column, value) lists, dates
/// as four columns, ids as lower-case text, and sealed columns bound to their table, row and field.
struct Row {
    var values: [(String, ColumnValue)] = []

    mutating func set(_ column: String, _ value: String?) { values.append((column, value.map(ColumnValue.text) ?? .null)) }
    mutating func set(_ column: String, _ value: Int?) { values.append((column, value.map { .integer(Int64($0)) } ?? .null)) }
    mutating func set(_ column: String, _ value: Int64?) { values.append((column, value.map(ColumnValue.integer) ?? .null)) }
    mutating func set(_ column: String, _ value: Double?) { values.append((column, value.map(ColumnValue.real) ?? .null)) }
    mutating func set(_ column: String, _ value: Bool?) { values.append((column, value.map(ColumnValue.boolean) ?? .null)) }
    mutating func set(_ column: String, _ value: Data?) { values.append((column, value.map(ColumnValue.blob) ?? .null)) }

    mutating func set(date: EventDate?, _ columns: DateColumns) {
        set(columns.first, date?.firstISO)
        set(columns.last, date?.lastISO)
        set(columns.precision, date?.precision.rawValue)
        set(columns.calendar, date?.calendar.rawValue)
    }

    func insert(into table: String, _ database: any SQLDatabase) async throws {
        var batch = InsertBatch(order: [table])
        batch.add(self, to: table)
        try await batch.write(to: database)
    }
}

/// The four columns of a stored date, named once: an import writes four dates an event.
struct DateColumns: Sendable {
    let first, last, precision, calendar: String

    init(prefix: String) {
        first = "\(prefix)_first"
        last = "\(prefix)_last"
        precision = "\(prefix)_precision"
        calendar = "\(prefix)_calendar"
    }

    static let date = DateColumns(prefix: "date")
    static let received = DateColumns(prefix: "received")
}

struct Sealing {
    let keys: InstanceKeys
    let table: String

    /// `nonces`: given where many rows are sealed together (`RandomBlock`).
    func seal(_ text: String, id: String, field: String, nonces: RandomBlock? = nil) throws -> Data {
        try keys.sealer.seal(text, context: SealContext(table: table, recordID: id, field: field), nonces: nonces)
    }

    func seal<Value: Encodable>(json value: Value, id: String, field: String, nonces: RandomBlock? = nil) throws -> Data {
        try keys.sealer.seal(try JSONEncoder().encode(value), context: SealContext(table: table, recordID: id, field: field), nonces: nonces)
    }

    func seal<Value: JSONTextWritable>(json value: Value, id: String, field: String, nonces: RandomBlock? = nil) throws -> Data {
        var json = JSONText(capacity: 512)
        try value.write(to: &json)
        return try keys.sealer.seal(json.data, context: SealContext(table: table, recordID: id, field: field), nonces: nonces)
    }

    func open(_ row: any SQLRow, _ column: String, id: String) throws -> String {
        try keys.sealer.openText(try row.decode(column: column, as: Data.self), context: SealContext(table: table, recordID: id, field: column))
    }

    func open<Value: Decodable>(json type: Value.Type, _ row: any SQLRow, _ column: String, id: String) throws -> Value {
        let data = try keys.sealer.open(try row.decode(column: column, as: Data.self), context: SealContext(table: table, recordID: id, field: column))
        return try JSONDecoder().decode(type, from: data)
    }
}

extension SQLRow {
    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }

    func uuid(_ column: String) throws -> UUID {
        guard let id = UUID(uuidString: try text(column)) else { throw StoreError.invalid(reason: "a stored id is malformed") }
        return id
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        try optionalText(column).flatMap(UUID.init(uuidString:))
    }

    func enumValue<Value: RawRepresentable>(_ column: String, as type: Value.Type) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: try text(column)) else { throw StoreError.invalid(reason: "a stored value in \(column) is unknown") }
        return value
    }

    func eventDate(_ columns: DateColumns) throws -> EventDate? {
        guard let first = try optionalText(columns.first), let last = try optionalText(columns.last),
              let precision = try optionalText(columns.precision).flatMap(EventDate.Precision.init(rawValue:)),
              let calendar = try optionalText(columns.calendar).flatMap(CalendarSystem.init(rawValue:)),
              let firstDay = CalendarDay(iso: first), let lastDay = CalendarDay(iso: last) else { return nil }
        return EventDate(precision: precision, calendar: calendar, first: firstDay, last: lastDay)
    }

    func date(_ column: String) throws -> Date {
        Date(timeIntervalSince1970: TimeInterval(try decode(column: column, as: Int64.self)))
    }
}

extension Date {
    var epochSeconds: Int64 { Int64(timeIntervalSince1970) }
}
