import Foundation

/// What the dashboard counts of one event and what its filters and the record policy look at,
/// and nothing else: no title, no narrative, no name. Kept in memory for every event, so that a
/// dashboard is counted in one pass over small values instead of joins over every row.
public struct EventFacts: Sendable, Equatable {
    public var id: UUID
    public var access: EventVisibility.Facts
    /// Codes in the `FactKeys` the facts were made with; `FactKeys.none` for no place.
    public var province: Int32
    public var district: Int32
    /// Days as `yyyymmdd`; 0 for an undated event.
    public var firstDay: Int32
    public var lastDay: Int32
    /// Each type once.
    public var actTypes: [Int32]
    public var perpetratorTypes: [Int32]
    /// The people of the event who are a victim of one of its acts.
    public var namedVictims: [NamedVictim]
    /// The victims counted without names, each field at its largest over the event's acts (a group
    /// in several acts is one group).
    public var groups: GroupCount
    /// It has sources and every one of them agreed to public use.
    public var sourcesAllPublic: Bool

    public struct NamedVictim: Sendable, Equatable {
        public var sex: Person.Sex
        public var ageGroup: Person.AgeGroup

        public init(sex: Person.Sex, ageGroup: Person.AgeGroup) {
            self.sex = sex
            self.ageGroup = ageGroup
        }
    }

    public init(id: UUID, access: EventVisibility.Facts, province: Int32, district: Int32, firstDay: Int32, lastDay: Int32,
                actTypes: [Int32], perpetratorTypes: [Int32], namedVictims: [NamedVictim], groups: GroupCount, sourcesAllPublic: Bool) {
        self.id = id
        self.access = access
        self.province = province
        self.district = district
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.actTypes = actTypes
        self.perpetratorTypes = perpetratorTypes
        self.namedVictims = namedVictims
        self.groups = groups
        self.sourcesAllPublic = sourcesAllPublic
    }

    /// An ISO day (`2024-05-01`) as `yyyymmdd`, ordered as the text is; nil for anything else.
    public static func day(_ iso: String?) -> Int32? {
        guard let iso else { return nil }
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int32(parts[0]), let month = Int32(parts[1]), let day = Int32(parts[2]), year >= 0, month >= 0, day >= 0
        else { return nil }
        return year * 10000 + month * 100 + day
    }

    static func iso(_ day: Int32) -> String {
        "\((day / 10000).zeroPadded(4))-\((day / 100 % 100).zeroPadded(2))-\((day % 100).zeroPadded(2))"
    }
}

/// The words facts are counted by (places, types of act and of perpetrator), each given a small
/// number once, so that counting compares and indexes numbers rather than hashing text.
public struct FactKeys: Sendable, Equatable {
    public private(set) var names: [String] = []
    private var codes: [String: Int32] = [:]

    public static let none: Int32 = -1

    public init() {}

    public mutating func code(_ name: String?) -> Int32 {
        guard let name else { return Self.none }
        if let code = codes[name] { return code }
        let code = Int32(names.count)
        names.append(name)
        codes[name] = code
        return code
    }

    /// The code of a word already known; nil when no event has it.
    public func existingCode(_ name: String) -> Int32? { codes[name] }
}
