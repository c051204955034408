import Foundation

/// Reads events from a CSV file in Hamkari's layout (or another, through a mapping). The whole
/// file is checked first; any error, reported with its line and column, means nothing is imported.
public struct EventCSVImport: Sendable {
    public struct Result: Sendable {
        public var events: [Event]
        public var rows: Int
        public var errors: [CSVRowError]
    }

    public var mapping: CSVMapping
    public var validator: EventValidator
    public var units: [AdminUnit]
    public var organisationID: UUID
    public var authorID: UUID
    public var now: Date
    /// Stop collecting after this many errors: the file is wrong, the reader has enough to fix.
    public var errorLimit = 100
    /// Where the random bits of the new records' ids come from, one generator for each part read at once.
    public var idRandomness: @Sendable () -> any RandomNumberGenerator = { SystemRandomNumberGenerator() }

    public init(mapping: CSVMapping, validator: EventValidator, units: [AdminUnit], organisationID: UUID, authorID: UUID, now: Date = Date()) {
        self.mapping = mapping
        self.validator = validator
        self.units = units
        self.organisationID = organisationID
        self.authorID = authorID
        self.now = now
    }

    public func read(_ text: String) -> Result {
        readPartsInTurn(text, parts: 1)
    }

    /// The same as `read(_:)`, the events read and checked in `parts` at once: an event's rows are
    /// found first (one pass), then read in parts on the cores there are, and the errors put back in
    /// line order, as one pass would have reported them.
    public func read(_ text: String, parts: Int) async -> Result {
        switch layout(of: text) {
        case .failed(let result): return result
        case .ready(let rows):
            let read = await withTaskGroup(of: (Int, EventsRead).self) { group in
                for (number, slice) in Self.split(rows, parts: parts).enumerated() { group.addTask { (number, self.readEvents(slice)) } }
                var read: [(Int, EventsRead)] = []
                for await part in group { read.append(part) }
                return read.sorted { $0.0 < $1.0 }.map(\.1)
            }
            return merged(read, rows: rows.count)
        }
    }

    /// The parts of `read(_:parts:)` read one after another, for checking its split and merge against
    /// one pass where no task may wait (the fuzzer).
    public func readPartsInTurn(_ text: String, parts: Int) -> Result {
        switch layout(of: text) {
        case .failed(let result): return result
        case .ready(let rows): return merged(Self.split(rows, parts: parts).map(readEvents), rows: rows.count)
        }
    }

    private static func split(_ rows: GroupedRows, parts: Int) -> [ArraySlice<[Row]>] {
        let size = max(1, (rows.groups.count + parts - 1) / max(1, parts))
        return stride(from: 0, to: rows.groups.count, by: size).map { rows.groups[$0..<min($0 + size, rows.groups.count)] }
    }

    /// The rows of a file's events, each event's rows together, in the order each first appears.
    struct GroupedRows: Sendable {
        var groups: [[Row]]
        var count: Int
    }

    enum Layout: Sendable {
        case failed(Result)
        case ready(GroupedRows)
    }

    private func layout(of text: String) -> Layout {
        let records: [CSVRecord]
        do { records = try CSVReader.records(in: text) } catch {
            return .failed(Result(events: [], rows: 0, errors: [CSVRowError(line: error.line, column: "", messageKey: "csv_malformed", value: error.reason)]))
        }
        guard let header = records.first else {
            return .failed(Result(events: [], rows: 0, errors: [CSVRowError(line: 1, column: "", messageKey: "csv_empty")]))
        }
        var errors: [CSVRowError] = []
        if !mapping.unknownColumns.isEmpty {
            errors.append(CSVRowError(line: 0, column: "", messageKey: "csv_mapping_unknown_columns", value: mapping.unknownColumns.joined(separator: ", ")))
        }
        var position: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            position[name.trimmingCharacters(in: .whitespaces).lowercased()] = index
        }
        var index: [String: Int] = [:]
        for column in EventCSVLayout.columns {
            let theirs = (mapping.columns[column] ?? column).lowercased()
            if let found = position[theirs] { index[column] = found }
        }
        for required in ["title", "act_type"] where index[required] == nil && mapping.defaults[required] == nil {
            errors.append(CSVRowError(line: header.line, column: required, messageKey: "csv_missing_column", value: required))
        }
        if !errors.isEmpty { return .failed(Result(events: [], rows: records.count - 1, errors: errors)) }

        var body = records.dropFirst()
        if let tags = body.first, EventHXL.isHashtagRow(tags.fields) { body = body.dropFirst() }
        let columns = Row.columns(index: index, mapping: mapping)
        var groups: [[Row]] = []
        var groupOf: [String: Int] = [:]
        for record in body {
            let row = Row(record: record, columns: columns)
            let key = row["event_key"] ?? "line-\(record.line)"
            if let known = groupOf[key] {
                groups[known].append(row)
            } else {
                groupOf[key] = groups.count
                groups.append([row])
            }
        }
        return .ready(GroupedRows(groups: groups, count: body.count))
    }

    /// What one part of a file gave: its events, the errors of its rows, then those of its events.
    struct EventsRead: Sendable {
        var events: [Event] = []
        var rowErrors: [CSVRowError] = []
        var eventErrors: [CSVRowError] = []
    }

    private func readEvents(_ groups: ArraySlice<[Row]>) -> EventsRead {
        var reader = RowReader(import: self)
        var read = EventsRead()
        read.events.reserveCapacity(groups.count)
        for rows in groups {
            guard let first = rows.first, reader.errors.count < errorLimit else { break }
            var event = reader.event(first)
            for row in rows where reader.errors.count < errorLimit { reader.addAct(row, to: &event) }
            read.events.append(event)
        }
        read.rowErrors = reader.errors
        for (event, rows) in zip(read.events, groups) where read.eventErrors.count < errorLimit {
            for issue in validator.issues(in: event) {
                read.eventErrors.append(CSVRowError(line: rows[0].line, column: issue.field, messageKey: issue.messageKey))
            }
        }
        return read
    }

    /// The parts' errors as one pass makes them: every row's first, by line, then the events' own.
    private func merged(_ parts: [EventsRead], rows: Int) -> Result {
        var errors = Array(parts.flatMap(\.rowErrors).enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element).prefix(errorLimit))
        for issue in parts.flatMap(\.eventErrors) where errors.count < errorLimit { errors.append(issue) }
        return Result(events: errors.isEmpty ? parts.flatMap(\.events) : [], rows: rows, errors: errors)
    }

    struct Row: Sendable {
        let record: CSVRecord
        /// Shared by every row of a file: what the mapping says of each column, looked up once per value
        /// rather than in three dictionaries (position, translations, default) for every value of every row.
        let columns: [String: Column]

        struct Column: Sendable {
            var position: Int?
            var translations: [String: String]?
            var fallback: String?
        }

        static func columns(index: [String: Int], mapping: CSVMapping) -> [String: Column] {
            let names = Set(index.keys).union(mapping.values.keys).union(mapping.defaults.keys)
            return Dictionary(uniqueKeysWithValues: names.map {
                ($0, Column(position: index[$0], translations: mapping.values[$0], fallback: mapping.defaults[$0]))
            })
        }

        var line: Int { record.line }

        subscript(name: String) -> String? {
            guard let column = columns[name] else { return nil }
            var value = column.position.flatMap { $0 < record.fields.count ? record.fields[$0] : nil }?.trimmingWhiteSpace ?? ""
            if let translated = column.translations?[value] { value = translated }
            if value.isEmpty { value = column.fallback ?? "" }
            return value.isEmpty ? nil : value
        }
    }

    /// Reads the values of rows, collecting what is wrong rather than stopping at the first problem.
    struct RowReader {
        let `import`: EventCSVImport
        var errors: [CSVRowError] = []
        let provinces: [String: AdminUnit]
        let districts: [String: [AdminUnit]]
        var random: OpenedGenerator

        /// `idRandomness`'s generator, in a type generic code takes (an existential cannot be passed `inout`).
        struct OpenedGenerator: RandomNumberGenerator {
            var base: any RandomNumberGenerator
            mutating func next() -> UInt64 { base.next() }
        }

        init(import: EventCSVImport) {
            self.import = `import`
            random = OpenedGenerator(base: `import`.idRandomness())
            var provinces: [String: AdminUnit] = [:]
            var districts: [String: [AdminUnit]] = [:]
            for unit in `import`.units {
                switch unit.level {
                case .province:
                    for key in Self.keys(for: unit) { provinces[key] = unit }
                case .district:
                    for key in Self.keys(for: unit) { districts[key, default: []].append(unit) }
                }
            }
            self.provinces = provinces
            self.districts = districts
        }

        static func keys(for unit: AdminUnit) -> [String] {
            [unit.pcode, unit.nameEnglish, unit.nameDari].compactMap { $0.map(fold) }
        }

        /// Place names repeat from row to row: each is folded once (folding is Foundation's, and slow).
        private var foldedNames: [String: String] = [:]

        mutating func folded(_ text: String) -> String {
            if let known = foldedNames[text] { return known }
            let result = Self.fold(text)
            foldedNames[text] = result
            return result
        }

        static func fold(_ text: String) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .replacingOccurrences(of: "ي", with: "ی").replacingOccurrences(of: "ك", with: "ک")
                .filter { !$0.isWhitespace && $0 != "-" && $0 != "'" }
        }

        mutating func fail(_ row: Row, _ column: String, _ key: String, _ value: String = "") {
            errors.append(CSVRowError(line: row.line, column: column, messageKey: key, value: value))
        }

        var calendarFallback: CalendarSystem { .solarHijri }

        mutating func calendar(_ row: Row) -> CalendarSystem {
            guard let text = row["calendar"] else { return calendarFallback }
            guard let calendar = CalendarSystem(tag: text) else {
                fail(row, "calendar", "csv_bad_calendar", text)
                return calendarFallback
            }
            return calendar
        }

        /// Dates repeat from row to row too, and reading one converts between calendars: each is read once.
        private var readDates: [String: EventDate] = [:]

        mutating func date(_ row: Row, _ column: String) -> EventDate? {
            guard let text = row[column] else { return nil }
            let calendar = calendar(row)
            let key = calendar.rawValue + " " + text
            if let known = readDates[key] { return known }
            do {
                let date = try EventDate.parse(text, calendar: calendar)
                readDates[key] = date
                return date
            } catch {
                fail(row, column, "csv_bad_date", text)
                return nil
            }
        }

        mutating func number(_ row: Row, _ column: String) -> Int {
            guard let text = row[column] else { return 0 }
            guard let value = Int(Numerals.asciiDigits(text)), value >= 0 else {
                fail(row, column, "csv_bad_count", text)
                return 0
            }
            return value
        }

        mutating func decimal(_ row: Row, _ column: String) -> Double? {
            guard let text = row[column] else { return nil }
            guard let value = Double(Numerals.asciiDigits(text)) else {
                fail(row, column, "csv_bad_number", text)
                return nil
            }
            return value
        }

        mutating func choice<Value: RawRepresentable & CaseIterable>(_ row: Row, _ column: String, _ fallback: Value) -> Value
        where Value.RawValue == String {
            guard let text = row[column] else { return fallback }
            guard let value = Value(rawValue: text) ?? Value(rawValue: text.lowercased()) else {
                fail(row, column, "csv_bad_choice", "\(text) ∉ {\(Value.allCases.map(\.rawValue).joined(separator: ", "))}")
                return fallback
            }
            return value
        }

        mutating func term(_ row: Row, _ column: String, _ list: VocabularyList) -> String? {
            guard let text = row[column] else { return nil }
            guard let code = `import`.validator.vocabulary.resolve(list, text) else {
                fail(row, column, "csv_bad_term", text)
                return nil
            }
            return code
        }

        mutating func flag(_ row: Row, _ column: String) -> Bool {
            guard let text = row[column]?.lowercased() else { return false }
            switch text {
            case "yes", "true", "1", "y", "بلی", "هو", "ha": return true
            case "no", "false", "0", "n", "نخیر", "نه", "yo‘q", "yoq": return false
            default: fail(row, column, "csv_bad_flag", text); return false
            }
        }

        /// The event a row starts. A missing title is left for validation to report, so the row's other
        /// columns are still checked and every mistake of the line is reported at once.
        mutating func event(_ row: Row) -> Event {
            let title = row["title"] ?? ""
            var province: AdminUnit?
            if let text = row["province"] {
                province = provinces[folded(text)]
                if province == nil { fail(row, "province", "csv_bad_province", text) }
            }
            var district: AdminUnit?
            if let text = row["district"] {
                let candidates = districts[folded(text)] ?? []
                district = candidates.first { province == nil || $0.parentPcode == province!.pcode }
                if district == nil {
                    fail(row, "district", "csv_bad_district", text)
                }
                if province == nil, let district { province = provinces[folded(district.parentPcode)] }
            }
            var coordinates: Coordinates?
            switch (decimal(row, "latitude"), decimal(row, "longitude")) {
            case (let latitude?, let longitude?): coordinates = Coordinates(latitude: latitude, longitude: longitude)
            case (nil, nil): break
            default: fail(row, "latitude", "invalid_coordinates")
            }
            var event = Event(
                id: UUIDv7.make(using: &random), organisationID: `import`.organisationID, authorID: `import`.authorID,
                confidentiality: choice(row, "confidentiality", Confidentiality.network), title: title,
                description: row["description"] ?? "", date: date(row, "date"),
                provincePcode: province?.pcode, districtPcode: district?.pcode, village: row["village"], coordinates: coordinates,
                createdAt: `import`.now, updatedAt: `import`.now)
            if row["source_method"] != nil || row["source_consent"] != nil {
                let credibility = row["source_credibility"] == nil ? 6 : number(row, "source_credibility")
                event.sources.append(Source(
                    id: UUIDv7.make(using: &random), method: choice(row, "source_method", Source.Method.other), reliability: choice(row, "source_reliability", Source.Reliability.f),
                    credibility: credibility, consent: choice(row, "source_consent", Source.Consent.internal)))
            }
            return event
        }

        mutating func addAct(_ row: Row, to event: inout Event) {
            guard let type = term(row, "act_type", .actType) else {
                if row["act_type"] == nil { fail(row, "act_type", "csv_act_type_required") }
                return
            }
            let victim: Victim
            let count = GroupCount(men: number(row, "victims_men"), women: number(row, "victims_women"), boys: number(row, "victims_boys"),
                                   girls: number(row, "victims_girls"), unknown: number(row, "victims_unknown"))
            let name = row["victim_name"]
            if name != nil || row["victim_sex"] != nil || row["victim_age_group"] != nil {
                let person = Person(
                    id: UUIDv7.make(using: &random), roles: [.victim], identity: PersonIdentity(name: name ?? ""), sex: choice(row, "victim_sex", Person.Sex.unknown),
                    ageGroup: choice(row, "victim_age_group", Person.AgeGroup.unknown),
                    occupation: choice(row, "victim_occupation", Person.Occupation.unknown), isHumanRightsDefender: flag(row, "victim_is_hrd"))
                event.people.append(person)
                victim = .person(person.id)
            } else {
                victim = .group(count.total > 0 ? count : GroupCount(unknown: 1))
            }
            var involvements: [Involvement] = []
            if let perpetrator = term(row, "perpetrator_type", .perpetratorType) {
                involvements.append(Involvement(id: UUIDv7.make(using: &random),
                                                perpetratorGroup: row["perpetrator_group"], perpetratorType: perpetrator,
                                                degree: term(row, "involvement_degree", .involvementDegree) ?? "unknown"))
            }
            var rights: [String] = []
            // Split on the byte: splitting a String walks its characters.
            for part in (row["rights"] ?? "").utf8.split(separator: UInt8(ascii: ";")) {
                let text = String(Substring(part)).trimmingWhiteSpace
                guard !text.isEmpty else { continue }
                if let code = `import`.validator.vocabulary.resolve(.rightAffected, text) { rights.append(code) } else {
                    fail(row, "rights", "csv_bad_term", text)
                }
            }
            event.acts.append(Act(id: UUIDv7.make(using: &random), type: type, victim: victim, date: date(row, "act_date"),
                                  notes: row["act_notes"] ?? "",
                                  rightsAffected: rights, involvements: involvements))
        }
    }
}
