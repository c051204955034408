import Foundation

/// Every event's facts at one moment, and the dashboard's counts over them: the same counts as the
/// store's SQL (`StatisticsRepository`), under the same record policy (`EventVisibility.allows`),
/// so a record hidden from a reader is never counted for them. A test compares the two.
public struct EventFactsSnapshot: Sendable {
    public var facts: [EventFacts]
    public var keys: FactKeys

    public init(facts: [EventFacts], keys: FactKeys) {
        self.facts = facts
        self.keys = keys
    }

    /// What one count gives: events by first day ("" for undated) and by each facet (only keys
    /// counted at least once), named victims by sex and age group, and the unnamed victims.
    public struct Counts: Sendable {
        public var days: [(key: String, count: Int)]
        public var facets: [EventFacet: [(key: String, count: Int)]]
        public var people: [(sex: String, age: String, count: Int)]
        public var groups: GroupCount

        public init(days: [(key: String, count: Int)], facets: [EventFacet: [(key: String, count: Int)]],
                    people: [(sex: String, age: String, count: Int)], groups: GroupCount) {
            self.days = days
            self.facets = facets
            self.people = people
            self.groups = groups
        }
    }

    /// Whether facts can answer `query`: not when it has words (they need the search index) or a
    /// day that is not an ISO day.
    public static func canAnswer(_ query: EventQuery) -> Bool {
        query.text.allSatisfy(\.isWhitespace) && [query.from, query.to].allSatisfy { $0 == nil || EventFacts.day($0) != nil }
    }

    /// The filters of `query`; nil when facts cannot answer it.
    struct Filter {
        var province: Int32?
        var district: Int32?
        var from: Int32?
        var to: Int32?
        var status: VerificationStatus?
        var organisationID: UUID?
        var actType: Int32?
        var perpetratorType: Int32?
        var victimSex: Person.Sex?
        var victimAgeGroup: Person.AgeGroup?
        var publicationOnly: Bool
        /// A place or type no event has: nothing matches.
        var matchesNothing = false

        init?(_ query: EventQuery, publicationOnly: Bool, keys: FactKeys) {
            guard EventFactsSnapshot.canAnswer(query) else { return nil }
            var unknown = false
            func code(_ name: String?) -> Int32? {
                guard let name else { return nil }
                guard let code = keys.existingCode(name) else { unknown = true; return FactKeys.none }
                return code
            }
            province = code(query.provincePcode)
            district = code(query.districtPcode)
            actType = code(query.actType)
            perpetratorType = code(query.perpetratorType)
            from = EventFacts.day(query.from)
            to = EventFacts.day(query.to)
            status = query.status
            organisationID = query.organisationID
            victimSex = query.victimSex
            victimAgeGroup = query.victimAgeGroup
            self.publicationOnly = publicationOnly
            matchesNothing = unknown
        }

        func matches(_ event: EventFacts) -> Bool {
            if let province, event.province != province { return false }
            if let district, event.district != district { return false }
            if let from, event.lastDay == 0 || event.lastDay < from { return false }
            if let to, event.firstDay == 0 || event.firstDay > to { return false }
            if let status, event.access.status != status { return false }
            if publicationOnly, event.access.status != .verified || !event.sourcesAllPublic { return false }
            if let organisationID, event.access.organisationID != organisationID { return false }
            if let actType, !event.actTypes.contains(actType) { return false }
            if let perpetratorType, !event.perpetratorTypes.contains(perpetratorType) { return false }
            if let victimSex {
                let counted = switch victimSex {
                case .female: event.groups.women + event.groups.girls > 0
                case .male: event.groups.men + event.groups.boys > 0
                case .unknown: event.groups.unknown > 0
                }
                if !counted && !event.namedVictims.contains(where: { $0.sex == victimSex }) { return false }
            }
            if let victimAgeGroup {
                let counted = victimAgeGroup.isChild && event.groups.boys + event.groups.girls > 0
                if !counted && !event.namedVictims.contains(where: { $0.ageGroup == victimAgeGroup }) { return false }
            }
            return true
        }
    }

    /// The counts over the events `visibility` lets the reader see that match `query` (and, with
    /// `publicationOnly`, are verified with every source agreeing to public use); nil when `query`
    /// needs what facts do not hold (words).
    public func count(_ query: EventQuery, visibility: EventVisibility, publicationOnly: Bool) -> Counts? {
        guard let filter = Filter(query, publicationOnly: publicationOnly, keys: keys) else { return nil }
        let width = keys.names.count + 1
        var days: [Int32: Int] = [:]
        var provinces = [Int](repeating: 0, count: width), districts = provinces, actTypes = provinces, perpetratorTypes = provinces
        var statuses = [Int](repeating: 0, count: VerificationStatus.allCases.count)
        let sexes = Person.Sex.allCases, ages = Person.AgeGroup.allCases
        var people = [Int](repeating: 0, count: sexes.count * ages.count)
        var groups = GroupCount()
        for event in facts where !filter.matchesNothing && visibility.allows(event.access) && filter.matches(event) {
            days[event.firstDay, default: 0] += 1
            provinces[Int(event.province) + 1] += 1
            districts[Int(event.district) + 1] += 1
            statuses[VerificationStatus.allCases.firstIndex(of: event.access.status) ?? 0] += 1
            for type in event.actTypes { actTypes[Int(type) + 1] += 1 }
            for type in event.perpetratorTypes { perpetratorTypes[Int(type) + 1] += 1 }
            for victim in event.namedVictims {
                people[(sexes.firstIndex(of: victim.sex) ?? 0) * ages.count + (ages.firstIndex(of: victim.ageGroup) ?? 0)] += 1
            }
            groups.men += event.groups.men
            groups.women += event.groups.women
            groups.boys += event.groups.boys
            groups.girls += event.groups.girls
            groups.unknown += event.groups.unknown
        }
        func named(_ counts: [Int]) -> [(key: String, count: Int)] {
            counts.enumerated().compactMap { code, count in
                count == 0 ? nil : (key: code == 0 ? "" : keys.names[code - 1], count: count)
            }
        }
        return Counts(
            days: days.map { (key: $0.key == 0 ? "" : EventFacts.iso($0.key), count: $0.value) },
            facets: [.province: named(provinces), .district: named(districts), .actType: named(actTypes),
                     .perpetratorType: named(perpetratorTypes),
                     .status: statuses.enumerated().compactMap { $1 == 0 ? nil : (key: VerificationStatus.allCases[$0].rawValue, count: $1) }],
            people: people.enumerated().compactMap { cell, count in
                count == 0 ? nil : (sex: sexes[cell / ages.count].rawValue, age: ages[cell % ages.count].rawValue, count: count)
            },
            groups: groups)
    }
}
