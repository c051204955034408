import Foundation
import HamkariCore
import Mustache

/// A draft communication in the reader's language: the page to print, and the JSON document.
struct CommunicationView {
    let localizer: Localizer
    let locale: AppLocale
    let calendar: CalendarSystem
    let units: [AdminUnit]
    let organisation: Organisation?
    let vocabulary = Vocabulary.builtIn

    var events: EventViewModel { EventViewModel(localizer: localizer, locale: locale, calendar: calendar, units: units, organisations: []) }

    func text(_ key: String) -> String { localizer.string(key, locale) }

    struct Document: Encodable, Sendable {
        struct Victim: Encodable, Sendable {
            let code: String
            let name: String?
            let otherNames: String?
            let sex: String
            let ageGroup: String
            let occupation: String
            let humanRightsDefender: Bool
            let journalist: Bool
            let actTypes: [String]
        }

        struct Action: Encodable, Sendable {
            let kind: String
            let date: String?
            let status: String
            let response: String?
        }

        let reference: String
        let language: String
        let date: String?
        let province: String?
        let district: String?
        let victims: [Victim]
        let unnamedVictims: [String: Int]
        let perpetrators: [[String: String]]
        let rights: [String]
        let narrative: String?
        let actionByAuthorities: [Action]
        let actionByVictimOrFamily: [Action]
        let actionByNetwork: [Action]
        let consent: String
        let identitiesIncluded: Bool
        let submittedBy: String?
    }

    func document(_ draft: CommunicationDraft) -> Document {
        func actions(_ list: [Intervention]) -> [Document.Action] {
            list.map { Document.Action(kind: $0.kind.rawValue, date: $0.date?.firstISO, status: $0.status.rawValue,
                                       response: draft.consent == .public && !$0.response.isEmpty ? $0.response : nil) }
        }
        return Document(
            reference: draft.reference, language: locale.tag, date: draft.date?.firstISO, province: draft.provincePcode, district: draft.districtPcode,
            victims: draft.victims.map { victim in
                Document.Victim(code: victim.code, name: victim.identity?.name, otherNames: victim.identity.flatMap { $0.otherNames.isEmpty ? nil : $0.otherNames },
                                sex: victim.sex.rawValue, ageGroup: victim.ageGroup.rawValue, occupation: victim.occupation.rawValue,
                                humanRightsDefender: victim.isHumanRightsDefender, journalist: victim.isJournalist, actTypes: victim.actTypes)
            },
            unnamedVictims: ["men": draft.unnamedVictims.men, "women": draft.unnamedVictims.women, "boys": draft.unnamedVictims.boys,
                             "girls": draft.unnamedVictims.girls, "unknown": draft.unnamedVictims.unknown].filter { $0.value > 0 },
            perpetrators: draft.perpetrators.map { one in
                ["type": one.type, "degree": one.degree].merging(one.description.map { ["description": $0] } ?? [:]) { first, _ in first }
            },
            rights: draft.rights, narrative: draft.narrative,
            actionByAuthorities: actions(draft.byAuthorities), actionByVictimOrFamily: actions(draft.byFamily), actionByNetwork: actions(draft.byNetwork),
            consent: draft.consent.rawValue, identitiesIncluded: draft.identitiesIncluded, submittedBy: organisation?.names.english)
    }

    func html(_ draft: CommunicationDraft, library: MustacheLibrary) -> String {
        let events = events
        let separator = locale.isRightToLeft ? "، " : ", "
        func actions(_ list: [Intervention]) -> [[String: Any]] {
            list.map { action in
                ["kind": text("intervention_\(action.kind.rawValue)"), "date": events.date(action.date),
                 "status": text("intervention_status_\(action.status.rawValue)"),
                 "response": draft.consent == .public ? action.response : ""]
            }
        }
        let unnamed = [("men", draft.unnamedVictims.men), ("women", draft.unnamedVictims.women), ("boys", draft.unnamedVictims.boys),
                       ("girls", draft.unnamedVictims.girls), ("unknown", draft.unnamedVictims.unknown)]
            .filter { $0.1 > 0 }.map { "\(text("group_\($0.0)")): \(events.number($0.1))" }.joined(separator: separator)
        let values: [String: Any] = [
            "t": localizer.table(for: locale), "lang": locale.tag, "dir": locale.direction, "reference": draft.reference,
            "submittedBy": organisation?.names.name(in: locale) ?? "",
            "victims": draft.victims.map { victim -> [String: Any] in
                [
                    "code": victim.code, "name": victim.identity.map { [$0.name, $0.otherNames].filter { !$0.isEmpty }.joined(separator: " / ") } ?? "",
                    "sex": text("sex_\(victim.sex.rawValue)"), "age": text("age_\(victim.ageGroup.rawValue)"),
                    "occupation": text("occupation_\(victim.occupation.rawValue)"),
                    "roles": [victim.isHumanRightsDefender ? text("hrd") : nil, victim.isJournalist ? text("journalist") : nil].compactMap { $0 }.joined(separator: separator),
                    "acts": victim.actTypes.map { vocabulary.label(.actType, $0, in: locale) }.joined(separator: "; "),
                ]
            },
            "withheld": text(draft.consent == .public ? "communication_names_not_asked" : "communication_names_withheld"),
            "unnamed": unnamed,
            "date": events.date(draft.date), "place": events.place(province: draft.provincePcode, district: draft.districtPcode),
            "perpetrators": draft.perpetrators.map { one -> [String: Any] in
                ["type": vocabulary.label(.perpetratorType, one.type, in: locale), "degree": vocabulary.label(.involvementDegree, one.degree, in: locale),
                 "description": one.description ?? ""]
            },
            "rights": draft.rights.map { vocabulary.label(.rightAffected, $0, in: locale) }.joined(separator: "; "),
            "narrative": draft.narrative ?? "", "narrativeWithheld": draft.narrative == nil,
            "authorities": actions(draft.byAuthorities), "family": actions(draft.byFamily), "network": actions(draft.byNetwork),
            "noAuthorities": draft.byAuthorities.isEmpty, "noFamily": draft.byFamily.isEmpty, "noNetwork": draft.byNetwork.isEmpty,
            "consent": text("communication_consent_\(draft.consent.rawValue)"),
        ]
        return library.render(values, withTemplate: "communication") ?? ""
    }
}
