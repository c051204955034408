import Foundation

/// A meeting or activity of the network: who organised it, who took part (counted, and named only
/// with their consent), what it covered and what it decided. Its title, place, agenda texts,
/// outcomes and decisions are sealed at rest; its kind, day, district and counts are not, so that
/// the network's reach can be counted.
public struct Meeting: Hashable, Sendable, Identifiable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case symposium
        case coordinationMeeting = "coordination_meeting"
        case training
        case awarenessSession = "awareness_session"
        case advocacyMeeting = "advocacy_meeting"
    }

    public var id: UUID
    public var kind: Kind
    /// The organisation that records it, and the account.
    public var organisationID: UUID
    public var authorID: UUID
    public var title: String
    /// A Gregorian day, and the calendar it was entered in (to show it back the same way).
    public var day: CalendarDay
    public var calendar: CalendarSystem
    public var provincePcode: String?
    public var districtPcode: String?
    /// Where, in words ("Taloqan youth centre").
    public var place: String
    public var organisers: [UUID]
    /// Organisers from outside the network, such as a UN regional office.
    public var externalOrganisers: [String]
    public var participants: [UUID]
    public var attendance: GroupCount
    /// Only people who agreed to be named; sealed, read by coordinators and the recording organisation.
    public var namedParticipants: [NamedParticipant]
    public var agenda: [AgendaItem]
    public var outcomes: String
    public var decisions: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUIDv7.make(), kind: Kind, organisationID: UUID, authorID: UUID, title: String, day: CalendarDay,
        calendar: CalendarSystem = .solarHijri, provincePcode: String? = nil, districtPcode: String? = nil, place: String = "",
        organisers: [UUID] = [], externalOrganisers: [String] = [], participants: [UUID] = [], attendance: GroupCount = GroupCount(),
        namedParticipants: [NamedParticipant] = [], agenda: [AgendaItem] = [], outcomes: String = "", decisions: String = "",
        createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.kind = kind
        self.organisationID = organisationID
        self.authorID = authorID
        self.title = title
        self.day = day
        self.calendar = calendar
        self.provincePcode = provincePcode
        self.districtPcode = districtPcode
        self.place = place
        self.organisers = organisers
        self.externalOrganisers = externalOrganisers
        self.participants = participants
        self.attendance = attendance
        self.namedParticipants = namedParticipants
        self.agenda = agenda
        self.outcomes = outcomes
        self.decisions = decisions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The articles of the standards its agenda covered.
    public var topics: [ArticleReference] {
        Array(Set(agenda.flatMap(\.articles))).sorted()
    }
}

public struct AgendaItem: Hashable, Sendable, Codable {
    public var title: String
    public var articles: [ArticleReference]

    public init(title: String, articles: [ArticleReference] = []) {
        self.title = title
        self.articles = articles
    }
}

/// Someone named as a participant, with the day they agreed to be named.
public struct NamedParticipant: Hashable, Sendable, Codable {
    public var name: String
    public var organisation: String?
    public var consentOn: CalendarDay

    public init(name: String, organisation: String? = nil, consentOn: CalendarDay) {
        self.name = name
        self.organisation = organisation
        self.consentOn = consentOn
    }
}

/// "Who does what by when", agreed at a meeting.
public struct ActionPoint: Hashable, Sendable, Identifiable {
    public enum Status: String, CaseIterable, Sendable, Codable {
        case open
        case inProgress = "in_progress"
        case done
        case dropped
    }

    public var id: UUID
    public var meetingID: UUID
    public var ownerOrganisationID: UUID
    public var description: String
    /// A Gregorian day.
    public var due: CalendarDay
    public var status: Status
    public var notes: String
    public var updatedAt: Date

    public init(id: UUID = UUIDv7.make(), meetingID: UUID, ownerOrganisationID: UUID, description: String, due: CalendarDay,
                status: Status = .open, notes: String = "", updatedAt: Date = Date()) {
        self.id = id
        self.meetingID = meetingID
        self.ownerOrganisationID = ownerOrganisationID
        self.description = description
        self.due = due
        self.status = status
        self.notes = notes
        self.updatedAt = updatedAt
    }

    /// Still to do, and its day has passed (`today` is a Gregorian day).
    public func isOverdue(on today: CalendarDay) -> Bool {
        (status == .open || status == .inProgress) && due.numeric < today.numeric
    }
}
