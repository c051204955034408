/// Victims by type of act, for the treaty bodies: women and girls (CEDAW), children by sex (CRC).
/// Named victims are counted once per type of act they suffered; groups counted without names
/// add their women, girls, boys (a group in several acts of one type in one event counted once).
public enum VictimsByAct {
    public enum Focus: Sendable {
        /// Columns: women (18 and over), girls (under 18), female of unknown age.
        case womenAndGirls
        /// Columns: girls, boys, children of unknown sex.
        case children

        public var columns: [String] {
            switch self {
            case .womenAndGirls: ["women", "girls", "female_age_unknown"]
            case .children: ["girls", "boys", "sex_unknown"]
            }
        }
    }

    public struct NamedVictims: Sendable {
        public var actType: String
        public var sex: Person.Sex
        public var ageGroup: Person.AgeGroup
        public var count: Int

        public init(actType: String, sex: Person.Sex, ageGroup: Person.AgeGroup, count: Int) {
            self.actType = actType
            self.sex = sex
            self.ageGroup = ageGroup
            self.count = count
        }
    }

    /// `named`: distinct named victims by type of act, sex and age group; `groups`: by type of act,
    /// the groups counted without names.
    public static func table(named: [NamedVictims], groups: [(actType: String, count: GroupCount)], focus: Focus,
                             order: [String]) -> CountTable {
        var counts: [String: [Int]] = [:]
        func add(_ actType: String, _ column: Int, _ count: Int) {
            guard count > 0 else { return }
            counts[actType, default: Array(repeating: 0, count: focus.columns.count)][column] += count
        }
        for victim in named {
            switch focus {
            case .womenAndGirls where victim.sex == .female:
                add(victim.actType, victim.ageGroup == .unknown ? 2 : victim.ageGroup.isChild ? 1 : 0, victim.count)
            case .children where victim.ageGroup.isChild:
                add(victim.actType, victim.sex == .female ? 0 : victim.sex == .male ? 1 : 2, victim.count)
            default: break
            }
        }
        for group in groups {
            switch focus {
            case .womenAndGirls:
                add(group.actType, 0, group.count.women)
                add(group.actType, 1, group.count.girls)
            case .children:
                add(group.actType, 0, group.count.girls)
                add(group.actType, 1, group.count.boys)
            }
        }
        let rows = order.filter { counts[$0] != nil } + counts.keys.filter { !order.contains($0) }.sorted()
        return CountTable(rows: rows, columns: focus.columns, counts: rows.map { counts[$0] ?? [] })
    }
}
