import Foundation

/// Invented but plausible documented events for demonstrations and benchmarks: the four north-eastern
/// provinces and their districts, dates over Solar Hijri 1400–1405, act and perpetrator types in
/// rough proportions of what monitors in the region record, named victims and sources (invented
/// names, sealed when stored), narratives mixing Dari, Pashto and English words. Deterministic:
/// the same seed gives the same events.
public struct DemoEvents: Sendable {
    public var words: [String]
    public var organisations: [UUID]
    public var authorID: UUID

    public init(organisations: [UUID], authorID: UUID, words: [String] = DemoEvents.builtInWords) {
        self.organisations = organisations
        self.authorID = authorID
        self.words = words.isEmpty ? Self.builtInWords : words
    }

    /// Words of the project's own choosing in Dari, Pashto and English.
    public static let builtInWords = [
        "بازداشت", "تهدید", "مکتب", "دختران", "معلم", "خبرنگار", "قریه", "شب", "مسلح", "افراد", "خانواده", "زنان", "اطفال",
        "ولسوالی", "محکمه", "زندان", "شکنجه", "آزادی", "حقوق", "بشر", "کلینیک", "سرک", "بازار", "مسجد", "دهقان",
        "نیول", "ګواښ", "ښوونځی", "نجونې", "ښوونکی", "خبریال", "کلی", "وسله", "کورنۍ", "ښځې", "ماشومان", "ولسوالي", "زندان",
        "detained", "threatened", "school", "girls", "teacher", "journalist", "village", "night", "armed", "men", "family",
        "women", "children", "checkpoint", "court", "prison", "beaten", "released", "clinic", "road", "market", "farmer",
    ]

    static let givenNames = ["Ahmad", "Farid", "Nasrin", "Zarmina", "Gul", "Wahida", "Karim", "Mariam", "Sultan", "Laila", "Abdul", "Shabana",
                             "Habib", "Fatima", "Najib", "Parwana", "Rahim", "Sima", "Yusuf", "Khadija"]
    static let familyNames = ["Noori", "Hakimi", "Rahimi", "Sharifi", "Karimi", "Azizi", "Sultani", "Ahmadzai", "Barakzai", "Rasuli",
                              "Wardak", "Amiri", "Haidari", "Samadi"]

    static let actTypes: [(String, Int)] = [
        ("arbitrary_detention", 22), ("threat", 20), ("injury", 10), ("killing", 6), ("torture", 6), ("abduction", 5),
        ("restriction_of_expression", 7), ("denial_of_education", 6), ("restriction_of_movement", 4), ("destruction_of_property", 4),
        ("forced_marriage", 3), ("attack_on_school", 2), ("sexual_violence", 2), ("forced_displacement", 2), ("child_recruitment", 1),
    ]
    /// The rights each type of act affects, as a documenter would record them.
    static let rightsAffected: [String: [String]] = [
        "arbitrary_detention": ["liberty_from_arbitrary_arrest", "fair_trial"], "threat": ["life_liberty_security"],
        "injury": ["life_liberty_security"], "killing": ["life_liberty_security"], "torture": ["freedom_from_torture"],
        "abduction": ["life_liberty_security", "liberty_from_arbitrary_arrest"], "restriction_of_expression": ["freedom_of_expression"],
        "denial_of_education": ["education"], "restriction_of_movement": ["freedom_of_movement"], "destruction_of_property": ["property"],
        "forced_marriage": ["marriage_by_consent"], "attack_on_school": ["education", "child_protection"],
        "sexual_violence": ["freedom_from_torture", "life_liberty_security"], "forced_displacement": ["freedom_of_movement", "property"],
        "child_recruitment": ["child_protection", "freedom_from_slavery"],
    ]
    static let perpetrators: [(String, Int)] = [
        ("de_facto_authorities", 55), ("non_state_armed_group", 12), ("local_militia", 8), ("criminal_group", 7),
        ("family_or_community", 8), ("unknown", 10),
    ]

    public func events(count: Int, seed: UInt64, now: Date = Date()) -> [Event] {
        events(in: 0..<count, seed: seed, now: now)
    }

    /// The events at `indices` of the sequence for `seed`: each event depends only on the seed and
    /// its index, so a large set can be made (and stored) a slice at a time.
    public func events(in indices: Range<Int>, seed: UInt64, now: Date = Date()) -> [Event] {
        let districts = BuiltInGazetteer.districts
        return indices.map { index in
            var random = SeededGenerator(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
            return event(index, districts: districts, random: &random, now: now)
        }
    }

    func sentence(_ length: Int, _ random: inout SeededGenerator) -> String {
        (0..<length).map { _ in words[Int.random(in: 0..<words.count, using: &random)] }.joined(separator: " ")
    }

    func name(_ random: inout SeededGenerator) -> String {
        "\(Self.givenNames[Int.random(in: 0..<Self.givenNames.count, using: &random)]) \(Self.familyNames[Int.random(in: 0..<Self.familyNames.count, using: &random)])"
    }

    func event(_ index: Int, districts: [AdminUnit], random: inout SeededGenerator, now: Date) -> Event {
        let district = districts[Int.random(in: 0..<districts.count, using: &random)]
        let calendar = random.weighted([(CalendarSystem.solarHijri, 4), (.gregorian, 1)])
        let year = (calendar == .solarHijri ? 1400 : 2021) + Int.random(in: 0...5, using: &random)
        let month = 1 + Int.random(in: 0..<12, using: &random)
        let precision = random.weighted([("day", 6), ("month", 3), ("year", 1)])
        let text = switch precision {
        case "day": "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\((1 + Int.random(in: 0..<28, using: &random)).zeroPadded(2))"
        case "month": "\(year.zeroPadded(4))-\(month.zeroPadded(2))"
        default: year.zeroPadded(4)
        }
        let date = try? EventDate.parse(text, calendar: calendar)
        var people: [Person] = []
        var acts: [Act] = []
        for _ in 0..<(1 + Int.random(in: 0..<3, using: &random)) {
            let victim: Victim
            if Bool.random(using: &random) {
                let person = Person(
                    roles: [.victim], identity: PersonIdentity(name: name(&random)),
                    sex: random.weighted([(Person.Sex.male, 55), (.female, 40), (.unknown, 5)]),
                    ageGroup: random.weighted([(Person.AgeGroup.adult, 50), (.youngAdult, 25), (.adolescent, 10), (.child, 5), (.elder, 5), (.unknown, 5)]),
                    occupation: random.weighted([(Person.Occupation.teacher, 10), (.student, 10), (.journalist, 5), (.activist, 8),
                                                 (.formerSecurityForces, 12), (.farmer, 15), (.civilServant, 8), (.unknown, 32)]),
                    isHumanRightsDefender: Int.random(in: 0..<10, using: &random) == 0)
                people.append(person)
                victim = .person(person.id)
            } else {
                victim = .group(GroupCount(men: Int.random(in: 0...4, using: &random), women: Int.random(in: 0...4, using: &random),
                                           boys: Int.random(in: 0...2, using: &random), girls: Int.random(in: 0...3, using: &random), unknown: 1))
            }
            let type = random.weighted(Self.actTypes)
            acts.append(Act(type: type, victim: victim, notes: sentence(8, &random), rightsAffected: Self.rightsAffected[type] ?? [],
                            involvements: [Involvement(perpetratorType: random.weighted(Self.perpetrators),
                                                       degree: random.weighted([("direct", 6), ("ordered", 2), ("unknown", 2)]))]))
        }
        let source = Person(roles: [.source], identity: PersonIdentity(name: name(&random)))
        people.append(source)
        return Event(
            organisationID: organisations[index % max(1, organisations.count)], authorID: authorID,
            status: random.weighted([(VerificationStatus.verified, 5), (.underReview, 2), (.submitted, 2), (.draft, 1)]),
            confidentiality: random.weighted([(Confidentiality.network, 7), (.public, 2), (.organisations, 1)]),
            title: sentence(5, &random), description: sentence(40, &random), date: date,
            provincePcode: district.parentPcode, districtPcode: district.pcode,
            acts: acts, people: people,
            sources: [Source(personID: source.id, method: random.weighted([(Source.Method.interview, 6), (.media, 2), (.document, 1), (.socialMedia, 1)]),
                             reliability: random.weighted([(Source.Reliability.b, 4), (.c, 3), (.a, 1), (.f, 2)]),
                             credibility: 1 + Int.random(in: 0..<4, using: &random),
                             consent: random.weighted([(Source.Consent.anonymised, 5), (.internal, 3), (.public, 2)]))],
            createdAt: now, updatedAt: now)
    }

    /// Words from text files (such as the UDHR in Dari, Pashto and Uzbek): markup removed, folded as search folds them.
    public static func words(fromTexts texts: [String]) -> [String] {
        var seen = Set<String>()
        var words: [String] = []
        for text in texts {
            let stripped = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            for word in stripped.split(whereSeparator: { !$0.isLetter }).map(String.init) where word.count > 2 && seen.insert(word).inserted {
                words.append(word)
            }
        }
        return words
    }
}
