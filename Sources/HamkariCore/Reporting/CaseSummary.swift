import Foundation

/// A case as a report may tell it: the facts that are counted, never a narrative, a name, a
/// village or a group's description — the report is a publication, and words written about a
/// case can name someone. Victims are counted by sex and age, as the dashboard counts them.
public struct CaseSummary: Sendable, Hashable {
    public var reference: String
    public var date: EventDate?
    public var provincePcode: String?
    public var districtPcode: String?
    public var actTypes: [String]
    public var perpetratorTypes: [String]
    public var rights: [String]
    public var victims: GroupCount
    /// Victims who are human rights defenders.
    public var defenders: Int
    public var interventions: [Intervention.Kind]

    public init(_ event: Event) {
        reference = event.reference
        date = event.date
        provincePcode = event.provincePcode
        districtPcode = event.districtPcode
        actTypes = Self.unique(event.acts.map(\.type))
        perpetratorTypes = Self.unique(event.acts.flatMap { $0.involvements.map(\.perpetratorType) })
        rights = Self.unique(event.acts.flatMap(\.rightsAffected))
        let named = Self.unique(event.acts.compactMap { act -> UUID? in
            if case .person(let id) = act.victim { id } else { nil }
        }).compactMap(event.person)
        var counted = GroupCount()
        for person in named {
            let child = person.ageGroup.isChild
            switch (person.sex, person.ageGroup) {
            case (_, .unknown), (.unknown, _): counted.unknown += 1
            case (.female, _): if child { counted.girls += 1 } else { counted.women += 1 }
            case (.male, _): if child { counted.boys += 1 } else { counted.men += 1 }
            }
        }
        // A group named in several acts is one group: counted once, at its largest.
        let groups = event.acts.compactMap { act -> GroupCount? in if case .group(let count) = act.victim { count } else { nil } }
        counted.men += groups.map(\.men).max() ?? 0
        counted.women += groups.map(\.women).max() ?? 0
        counted.boys += groups.map(\.boys).max() ?? 0
        counted.girls += groups.map(\.girls).max() ?? 0
        counted.unknown += groups.map(\.unknown).max() ?? 0
        victims = counted
        defenders = named.filter(\.isHumanRightsDefender).count
        interventions = Self.unique(event.interventions.map(\.kind))
    }

    static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}
