import Foundation
import HamkariCore

/// Events for tests: a detention in Taloqan with a named victim and source, in Dari.
public enum SampleEvents {
    public static let victimName = "Zarmina Hakimi"
    public static let sourceName = "Abdul Qadir Sultani"

    public static func detention(
        organisationID: UUID, authorID: UUID, confidentiality: Confidentiality = .network, sharedWith: [UUID] = [],
        title: String = "بازداشت خودسرانه معلم در تالقان", status: VerificationStatus = .draft
    ) -> Event {
        let victim = Person(roles: [.victim], identity: PersonIdentity(name: victimName, contact: "+93 700 000 001", address: "Guzar-e Naw, house 12"),
                            sex: .female, ageGroup: .adult, occupation: .teacher, isHumanRightsDefender: true)
        let source = Person(roles: [.source, .witness], identity: PersonIdentity(name: sourceName), sex: .male, ageGroup: .elder)
        return Event(
            organisationID: organisationID, authorID: authorID, status: status, confidentiality: confidentiality, sharedWith: sharedWith,
            title: title, description: "معلم مکتب دخترانه توسط افراد مسلح بازداشت شد و سه روز نگهداری گردید.",
            date: try? EventDate.parse("1405-03-12", calendar: .solarHijri), provincePcode: "AF18", districtPcode: "AF1801",
            village: "Guzar-e Naw", coordinates: Coordinates(latitude: 36.73612, longitude: 69.53451),
            acts: [
                Act(type: "arbitrary_detention", victim: .person(victim.id), notes: "نگهداری برای سه روز بدون اتهام",
                    rightsAffected: ["liberty_from_arbitrary_arrest"],
                    involvements: [Involvement(perpetratorGroup: "district police", perpetratorType: "de_facto_authorities", degree: "direct")]),
                Act(type: "threat", victim: .group(GroupCount(women: 4, girls: 12)),
                    involvements: [Involvement(perpetratorType: "de_facto_authorities", degree: "ordered")]),
            ],
            people: [victim, source],
            sources: [Source(personID: source.id, method: .interview, reliability: .b, credibility: 2, consent: .anonymised, notes: "met in Kabul")],
            interventions: [Intervention(kind: .legalAid, date: try? EventDate.parse("1405-03-20", calendar: .solarHijri), status: .ongoing,
                                         response: "lawyer assigned")])
    }

    /// A verified public detention whose every source agreed to public use: what a report may publish.
    public static func published(organisationID: UUID, authorID: UUID) -> Event {
        var event = detention(organisationID: organisationID, authorID: authorID, confidentiality: .public, status: .verified)
        event.sources = event.sources.map { var source = $0; source.consent = .public; return source }
        return event
    }
}
