import Foundation
import HamkariCore
import HamkariStore

/// Checks meetings and action points from the API or a form, the same way (`MeetingValidation`).
struct MeetingInputs: Sendable {
    let store: Store

    func meeting(_ context: AppRequestContext) async throws -> Meeting {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let meeting = try await store.meetings.find(id: id) else { throw AppError.notFound }
        return meeting
    }

    func actionPoint(_ context: AppRequestContext) async throws -> ActionPoint {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let point = try await store.meetings.actionPoint(id: id) else { throw AppError.notFound }
        return point
    }

    func applying(_ fields: MeetingFields, to original: Meeting, calendar: CalendarSystem) async throws -> Meeting {
        let (meeting, issues) = try await checked(fields, over: original, calendar: calendar)
        if !issues.isEmpty { throw AppError.invalid(issues) }
        return meeting
    }

    /// What a form shows again after a problem.
    func draft(_ fields: MeetingFields, over original: Meeting, calendar: CalendarSystem) async throws -> Meeting {
        try await checked(fields, over: original, calendar: calendar).meeting
    }

    private func checked(_ fields: MeetingFields, over original: Meeting, calendar: CalendarSystem) async throws -> (meeting: Meeting, issues: [ValidationIssue]) {
        let units = try await store.gazetteer.byPcode()
        let organisations = Set(try await store.organisations.all().map(\.id))
        return MeetingValidation.checked(fields, over: original, units: units, organisations: organisations, calendar: calendar,
                                         today: CalendarDay(Date(), in: .gregorian))
    }

    func actionPoint(_ fields: ActionPointFields, meeting: UUID, calendar: CalendarSystem) async throws -> ActionPoint {
        let organisations = Set(try await store.organisations.all().map(\.id))
        let (point, issues) = MeetingValidation.actionPoint(fields, meeting: meeting, organisations: organisations, calendar: calendar)
        guard let point else { throw AppError.invalid(issues) }
        return point
    }

    func status(_ fields: ActionPointFields) throws -> ActionPoint.Status {
        guard let status = ActionPoint.Status(rawValue: fields.status ?? "") else {
            throw AppError.invalid([ValidationIssue(field: "status", messageKey: "invalid_status")])
        }
        return status
    }

    /// Those who record meetings and may change this one: coordinators and the recording organisation.
    static func mayEdit(_ identity: SignedIn, _ meeting: Meeting) -> Bool {
        CoordinationPolicy.mayEditProfile(identity.subject, of: meeting.organisationID)
    }

    /// Those who may move an action point on: the owner, the meeting's recorder, coordinators.
    static func mayUpdate(_ identity: SignedIn, _ point: ActionPoint, of meeting: Meeting) -> Bool {
        CoordinationPolicy.mayEditProfile(identity.subject, of: point.ownerOrganisationID) || mayEdit(identity, meeting)
    }

    /// A period in the reader's calendar (or `calendar=`), as Gregorian days; by default the last twelve months.
    static func period(_ parameters: some Sequence<(key: Substring, value: Substring)>, calendar: CalendarSystem) throws -> (from: String, to: String) {
        var values: [String: String] = [:]
        for (key, value) in parameters { values[String(key)] = String(value) }
        let chosen = values["calendar"].flatMap(CalendarSystem.init(tag:)) ?? calendar
        func bound(_ name: String, last: Bool) throws -> String? {
            guard let text = values[name], !text.isEmpty else { return nil }
            guard let date = try? EventDate.parse(text, calendar: chosen) else {
                throw AppError.invalid([ValidationIssue(field: name, messageKey: "invalid_date")], code: "invalid_query", messageKey: "error_invalid_query")
            }
            return last ? date.lastISO : date.firstISO
        }
        let today = Date()
        let to = try bound("to", last: true) ?? CalendarDay(today, in: .gregorian).numeric
        let from = try bound("from", last: false) ?? CalendarDay(today.addingTimeInterval(-365 * 86400), in: .gregorian).numeric
        return (from, to)
    }
}
