import Foundation
import HamkariCore
import TestSupport
import Testing

@Suite("Report figures: rights by period, victims by act, case summaries, special-procedures drafts")
struct ReportFiguresTests {
    static let organisation = UUIDv7.make()
    static let author = UUIDv7.make()

    @Test("Rights by year: an event once per right, in the year of its first day in the report's calendar; undated last")
    func rightsByPeriod() {
        let acts: [(event: String, day: String, rights: [String])] = [
            ("e1", "2025-04-10", ["life", "expression"]),
            ("e1", "2025-04-10", ["life"]),
            ("e2", "2025-03-10", ["life"]),
            ("e3", "", ["torture"]),
        ]
        let solar = RightsByPeriod.table(acts, order: ["expression", "life"], in: .solarHijri)
        #expect(solar.rows == ["expression", "life", "torture"], "the given order first, then the others by code")
        #expect(solar.columns == ["1403", "1404", RightsByPeriod.undated])
        #expect(solar.counts == [[0, 1, 0], [1, 1, 0], [0, 0, 1]], "e1 is counted once for life although two of its acts affected it")
        let gregorian = RightsByPeriod.table(acts, order: [], in: .gregorian)
        #expect(gregorian.columns == ["2025", RightsByPeriod.undated])
        #expect(gregorian.rows == ["expression", "life", "torture"] && gregorian.counts[1] == [2, 0] && gregorian.total == 4)
        #expect(RightsByPeriod.table([], order: ["life"], in: .gregorian).rows.isEmpty)
    }

    @Test("Victims by act: women and girls for CEDAW, children by sex for CRC, named and counted victims together")
    func victimsByAct() {
        let named = [
            VictimsByAct.NamedVictims(actType: "killing", sex: .female, ageGroup: .adult, count: 2),
            VictimsByAct.NamedVictims(actType: "killing", sex: .female, ageGroup: .adolescent, count: 1),
            VictimsByAct.NamedVictims(actType: "killing", sex: .female, ageGroup: .unknown, count: 1),
            VictimsByAct.NamedVictims(actType: "killing", sex: .male, ageGroup: .child, count: 3),
            VictimsByAct.NamedVictims(actType: "killing", sex: .unknown, ageGroup: .child, count: 1),
            VictimsByAct.NamedVictims(actType: "threat", sex: .male, ageGroup: .adult, count: 1),
        ]
        let groups: [(actType: String, count: GroupCount)] = [("killing", GroupCount(men: 1, women: 4, boys: 2, girls: 5, unknown: 3)),
                                                              ("forced_marriage", GroupCount(girls: 2))]
        let women = VictimsByAct.table(named: named, groups: groups, focus: .womenAndGirls, order: ["threat", "killing"])
        #expect(women.columns == ["women", "girls", "female_age_unknown"])
        #expect(women.rows == ["killing", "forced_marriage"], "a threat to a man is not in the CEDAW table")
        #expect(women.counts == [[6, 6, 1], [0, 2, 0]])
        let children = VictimsByAct.table(named: named, groups: groups, focus: .children, order: [])
        #expect(children.columns == ["girls", "boys", "sex_unknown"])
        #expect(children.rows == ["forced_marriage", "killing"] && children.counts == [[2, 0, 0], [6, 5, 1]])
    }

    @Test("A case summary holds counted facts only: no narrative, name, village or group description")
    func caseSummary() {
        var event = SampleEvents.detention(organisationID: Self.organisation, authorID: Self.author)
        event.reference = "TAK-1405-0007"
        event.acts.append(Act(type: "threat", victim: .group(GroupCount(women: 2, girls: 15)), rightsAffected: ["liberty_from_arbitrary_arrest"]))
        let summary = CaseSummary(event)
        #expect(summary.reference == "TAK-1405-0007" && summary.provincePcode == "AF18" && summary.districtPcode == "AF1801")
        #expect(summary.actTypes == ["arbitrary_detention", "threat"] && summary.perpetratorTypes == ["de_facto_authorities"])
        #expect(summary.rights == ["liberty_from_arbitrary_arrest"])
        #expect(summary.victims == GroupCount(women: 5, girls: 15), "the named teacher plus the group at its largest (4 women, 15 girls)")
        #expect(summary.defenders == 1 && summary.interventions == [.legalAid])
        let told = "\(summary)"
        for secret in [SampleEvents.victimName, event.description, "Guzar-e Naw", "district police"] {
            #expect(!told.contains(secret), "\(secret)")
        }
    }

    @Test("A special-procedures draft: refused without sources or with internal consent; narrative and names only with public consent")
    func communicationDraft() throws {
        var event = SampleEvents.detention(organisationID: Self.organisation, authorID: Self.author)
        event.interventions += [Intervention(kind: .authorityAction, status: .noResponse, response: "complaint to the district"),
                                Intervention(kind: .familyAction, status: .done, response: "family visited the prison")]
        let anonymised = try CommunicationDraft.draft(event, includeIdentities: false)
        #expect(anonymised.consent == .anonymised && anonymised.narrative == nil && anonymised.perpetrators.allSatisfy { $0.description == nil })
        #expect(anonymised.victims.map(\.actTypes) == [["arbitrary_detention"]] && anonymised.victims.allSatisfy { $0.identity == nil })
        #expect(anonymised.unnamedVictims == GroupCount(women: 4, girls: 12))
        #expect(anonymised.byAuthorities.map(\.kind) == [.authorityAction] && anonymised.byFamily.map(\.kind) == [.familyAction])
        #expect(anonymised.byNetwork.map(\.kind) == [.legalAid])
        #expect(throws: CommunicationDraft.Refusal.identitiesNotConsented) { try CommunicationDraft.draft(event, includeIdentities: true) }

        event.sources = event.sources.map { var source = $0; source.consent = .public; return source }
        let named = try CommunicationDraft.draft(event, includeIdentities: true)
        #expect(named.identitiesIncluded && named.victims.first?.identity?.name == SampleEvents.victimName)
        #expect(named.narrative == event.description && named.perpetrators.contains { $0.description == "district police" })
        #expect(try CommunicationDraft.draft(event, includeIdentities: false).victims.allSatisfy { $0.identity == nil })

        event.sources.append(Source(method: .document, reliability: .c, credibility: 3, consent: .internal))
        #expect(CommunicationDraft.consent(of: event) == .internal, "the narrowest consent of all the sources")
        #expect(throws: CommunicationDraft.Refusal.notConsented) { try CommunicationDraft.draft(event, includeIdentities: false) }
        event.sources = []
        #expect(throws: CommunicationDraft.Refusal.noSources) { try CommunicationDraft.draft(event, includeIdentities: false) }
    }
}
