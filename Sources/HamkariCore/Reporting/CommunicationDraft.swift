import Foundation

/// A draft communication to the UN special procedures about one case, with what the OHCHR
/// questionnaire asks: the victims, the date and place, the alleged perpetrators, what happened,
/// what the authorities and the victim or family did, and the consent to transmit. Made only when
/// every source agreed to use outside the network; names only when every source agreed to public use.
public struct CommunicationDraft: Sendable {
    public enum Refusal: Error, Equatable, Sendable {
        /// Nobody is recorded as having given the information: nobody consented.
        case noSources
        /// A source agreed to the network's own use only.
        case notConsented
        /// Names were asked for, but a source agreed to anonymised use only.
        case identitiesNotConsented

        /// The code the API gives and the string that explains it.
        public var code: String {
            switch self {
            case .noSources: "no_sources"
            case .notConsented: "not_consented"
            case .identitiesNotConsented: "identities_not_consented"
            }
        }

        public var messageKey: String {
            switch self {
            case .noSources: "error_communication_no_sources"
            case .notConsented: "error_communication_not_consented"
            case .identitiesNotConsented: "error_communication_identities"
            }
        }
    }

    public struct Victim: Sendable {
        public var code: String
        /// Only with public consent, to a reader who may see identities.
        public var identity: PersonIdentity?
        public var sex: Person.Sex
        public var ageGroup: Person.AgeGroup
        public var occupation: Person.Occupation
        public var isHumanRightsDefender: Bool
        public var isJournalist: Bool
        public var actTypes: [String]
    }

    public struct Perpetrator: Sendable, Hashable {
        public var type: String
        public var degree: String
        /// A group's description, only with public consent (it can point at a unit and so at people).
        public var description: String?
    }

    public var reference: String
    public var date: EventDate?
    public var provincePcode: String?
    public var districtPcode: String?
    public var victims: [Victim]
    /// Victims counted without names, by sex and age.
    public var unnamedVictims: GroupCount
    public var perpetrators: [Perpetrator]
    public var rights: [String]
    /// The narrative, only with public consent; the submitter reads it before anything is sent.
    public var narrative: String?
    public var byAuthorities: [Intervention]
    public var byFamily: [Intervention]
    public var byNetwork: [Intervention]
    /// The narrowest consent among the sources.
    public var consent: Source.Consent
    public var identitiesIncluded: Bool

    /// The narrowest consent of all the sources, nil when there is none.
    public static func consent(of event: Event) -> Source.Consent? {
        let order: [Source.Consent] = [.internal, .anonymised, .public]
        return event.sources.map(\.consent).min { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
    }

    /// `event` with identities opened when `includeIdentities` (the caller checked the reader may see them).
    public static func draft(_ event: Event, includeIdentities: Bool) throws(Refusal) -> CommunicationDraft {
        guard let consent = consent(of: event) else { throw .noSources }
        guard consent != .internal else { throw .notConsented }
        guard !includeIdentities || consent == .public else { throw .identitiesNotConsented }
        let public_ = consent == .public
        var victims: [Victim] = []
        var unnamed = GroupCount()
        for act in event.acts {
            switch act.victim {
            case .person(let id):
                guard let person = event.person(id) else { continue }
                if let index = victims.firstIndex(where: { $0.code == person.code }) {
                    if !victims[index].actTypes.contains(act.type) { victims[index].actTypes.append(act.type) }
                    continue
                }
                victims.append(Victim(code: person.code, identity: includeIdentities ? person.identity : nil, sex: person.sex,
                                      ageGroup: person.ageGroup, occupation: person.occupation,
                                      isHumanRightsDefender: person.isHumanRightsDefender, isJournalist: person.isJournalist,
                                      actTypes: [act.type]))
            case .group(let count):
                unnamed = GroupCount(men: max(unnamed.men, count.men), women: max(unnamed.women, count.women), boys: max(unnamed.boys, count.boys),
                                     girls: max(unnamed.girls, count.girls), unknown: max(unnamed.unknown, count.unknown))
            }
        }
        let perpetrators = CaseSummary.unique(event.acts.flatMap(\.involvements).map { involvement in
            Perpetrator(type: involvement.perpetratorType, degree: involvement.degree,
                        description: public_ ? involvement.perpetratorGroup.flatMap { $0.isEmpty ? nil : $0 } : nil)
        })
        return CommunicationDraft(
            reference: event.reference, date: event.date, provincePcode: event.provincePcode, districtPcode: event.districtPcode,
            victims: victims, unnamedVictims: unnamed, perpetrators: perpetrators, rights: CaseSummary.unique(event.acts.flatMap(\.rightsAffected)),
            narrative: public_ && !event.description.isEmpty ? event.description : nil,
            byAuthorities: event.interventions.filter { $0.kind == .authorityAction },
            byFamily: event.interventions.filter { $0.kind == .familyAction },
            byNetwork: event.interventions.filter { ![.authorityAction, .familyAction].contains($0.kind) },
            consent: consent, identitiesIncluded: includeIdentities)
    }
}
