import Foundation
import HamkariCore

/// The JSON shapes of meetings, action points and awareness reach.
enum MeetingDocuments {
    struct Attendance: Encodable, Sendable {
        let men: Int, women: Int, boys: Int, girls: Int, unknown: Int

        init(_ count: GroupCount) {
            men = count.men
            women = count.women
            boys = count.boys
            girls = count.girls
            unknown = count.unknown
        }
    }

    struct Agenda: Encodable, Sendable {
        let title: String
        let articles: [String]
    }

    struct Named: Encodable, Sendable {
        let name: String
        let organisation: String?
        let consentOn: String
    }

    struct MeetingDocument: Encodable, Sendable {
        let id: String
        let kind: String
        let organisationId: String
        let title: String
        let date: String
        let calendar: String
        let provincePcode: String?
        let districtPcode: String?
        let place: String
        let organisers: [String]
        let externalOrganisers: [String]
        let participants: [String]
        let attendance: Attendance
        let agenda: [Agenda]
        let outcomes: String
        let decisions: String
        /// Only when asked for (`names=true`) and allowed: coordinators and the recording organisation; audited.
        let namedParticipants: [Named]?

        init(_ meeting: Meeting, named: [NamedParticipant]? = nil) {
            id = meeting.id.text
            kind = meeting.kind.rawValue
            organisationId = meeting.organisationID.text
            title = meeting.title
            date = meeting.day.numeric
            calendar = meeting.calendar.rawValue
            provincePcode = meeting.provincePcode
            districtPcode = meeting.districtPcode
            place = meeting.place
            organisers = meeting.organisers.map(\.text)
            externalOrganisers = meeting.externalOrganisers
            participants = meeting.participants.map(\.text)
            attendance = Attendance(meeting.attendance)
            agenda = meeting.agenda.map { Agenda(title: $0.title, articles: $0.articles.map(\.description)) }
            outcomes = meeting.outcomes
            decisions = meeting.decisions
            namedParticipants = named?.map { Named(name: $0.name, organisation: $0.organisation, consentOn: $0.consentOn.numeric) }
        }
    }

    struct Meetings: Encodable, Sendable {
        let meetings: [MeetingDocument]
    }

    struct ActionPointDocument: Encodable, Sendable {
        let id: String
        let meetingId: String
        let ownerOrganisationId: String
        let description: String
        let due: String
        let status: String
        let notes: String
        let overdue: Bool

        init(_ point: ActionPoint, today: CalendarDay) {
            id = point.id.text
            meetingId = point.meetingID.text
            ownerOrganisationId = point.ownerOrganisationID.text
            description = point.description
            due = point.due.numeric
            status = point.status.rawValue
            notes = point.notes
            overdue = point.isOverdue(on: today)
        }
    }

    struct ActionPoints: Encodable, Sendable {
        let actionPoints: [ActionPointDocument]
    }

    struct Reach: Encodable, Sendable {
        struct Place: Encodable, Sendable {
            let pcode: String
            let sessions: Int
            let attendance: Attendance
        }
        struct Topic: Encodable, Sendable {
            let article: String
            let sessions: Int
        }
        let from: String
        let to: String
        let sessions: Int
        let attendance: Attendance
        let byProvince: [Place]
        let byDistrict: [Place]
        let topics: [Topic]
        let unreachedDistricts: [String]

        init(_ reach: AwarenessReach) {
            from = reach.from
            to = reach.to
            sessions = reach.sessions
            attendance = Attendance(reach.attendance)
            byProvince = reach.byProvince.map { Place(pcode: $0.pcode, sessions: $0.sessions, attendance: Attendance($0.attendance)) }
            byDistrict = reach.byDistrict.map { Place(pcode: $0.pcode, sessions: $0.sessions, attendance: Attendance($0.attendance)) }
            topics = reach.topics.map { Topic(article: $0.article.description, sessions: $0.sessions) }
            unreachedDistricts = reach.unreached
        }
    }
}
