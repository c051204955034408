import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Meetings, their action points and the reach of awareness sessions, through the API.
struct MeetingAPIController: Sendable {
    let store: Store
    var inputs: MeetingInputs { MeetingInputs(store: store) }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/meetings", .viewCoordination) { request, context, _ in
            let parameters = request.uri.queryParameters
            let period = try MeetingInputs.period(parameters, calendar: context.calendar)
            let kind = try parameters.get("kind").flatMap { text -> Meeting.Kind? in
                guard let kind = Meeting.Kind(rawValue: text) else {
                    throw AppError.invalid([ValidationIssue(field: "kind", messageKey: "invalid_kind")], code: "invalid_query", messageKey: "error_invalid_query")
                }
                return kind
            }
            let meetings = try await store.meetings.list(kind: kind, district: parameters.get("district").map(DirectoryValidation.code),
                                                         from: period.from, to: period.to)
            return JSONBody(value: MeetingDocuments.Meetings(meetings: meetings.map { MeetingDocuments.MeetingDocument($0) }))
        }
        guarded.allowed(.post, "/api/v1/meetings", .recordCoordination) { request, context, identity in
            let fields = try await decode(MeetingFields.self, request, context)
            let blank = Meeting(kind: .coordinationMeeting, organisationID: identity.user.organisationID, authorID: identity.user.id, title: "",
                                day: CalendarDay(Date(), in: .gregorian), calendar: context.calendar)
            let meeting = try await inputs.applying(fields, to: blank, calendar: context.calendar)
            try await store.meetings.create(meeting, actor: identity.user.id.text)
            return JSONBody(value: MeetingDocuments.MeetingDocument(meeting), status: .created, location: "/api/v1/meetings/\(meeting.id.text)")
        }
        guarded.allowed(.get, "/api/v1/meetings/{id}", .viewCoordination) { request, context, identity in
            let meeting = try await inputs.meeting(context)
            var named: [NamedParticipant]?
            if request.uri.queryParameters.get("names") == "true" {
                guard CoordinationPolicy.mayReadContacts(identity.subject, of: meeting.organisationID) else { throw AppError.forbidden }
                named = try await store.meetings.namedParticipants(of: meeting.id, viewer: identity.user.id.text)
            }
            return JSONBody(value: MeetingDocuments.MeetingDocument(meeting, named: named))
        }
        guarded.allowed(.patch, "/api/v1/meetings/{id}", .recordCoordination) { request, context, identity in
            let original = try await inputs.meeting(context)
            guard MeetingInputs.mayEdit(identity, original) else { throw AppError.forbidden }
            let fields = try await decode(MeetingFields.self, request, context)
            var meeting = try await inputs.applying(fields, to: original, calendar: context.calendar)
            meeting.updatedAt = Date()
            try await store.meetings.update(meeting, replacingParticipants: fields.namedParticipants != nil, actor: identity.user.id.text)
            return JSONBody(value: MeetingDocuments.MeetingDocument(meeting))
        }
        guarded.allowed(.get, "/api/v1/meetings/{id}/action-points", .viewCoordination) { _, context, _ in
            let meeting = try await inputs.meeting(context)
            let today = CalendarDay(Date(), in: .gregorian)
            return JSONBody(value: MeetingDocuments.ActionPoints(actionPoints: try await store.meetings.actionPoints(of: meeting.id).map {
                MeetingDocuments.ActionPointDocument($0, today: today)
            }))
        }
        guarded.allowed(.post, "/api/v1/meetings/{id}/action-points", .recordCoordination) { request, context, identity in
            let meeting = try await inputs.meeting(context)
            guard MeetingInputs.mayEdit(identity, meeting) else { throw AppError.forbidden }
            let point = try await inputs.actionPoint(try await decode(ActionPointFields.self, request, context), meeting: meeting.id,
                                                     calendar: context.calendar)
            try await store.meetings.addActionPoint(point, actor: identity.user.id.text)
            return JSONBody(value: MeetingDocuments.ActionPointDocument(point, today: CalendarDay(Date(), in: .gregorian)), status: .created)
        }
        guarded.allowed(.patch, "/api/v1/action-points/{id}", .recordCoordination) { request, context, identity in
            let point = try await inputs.actionPoint(context)
            guard let meeting = try await store.meetings.find(id: point.meetingID) else { throw AppError.notFound }
            guard MeetingInputs.mayUpdate(identity, point, of: meeting) else { throw AppError.forbidden }
            let fields = try await decode(ActionPointFields.self, request, context)
            let status = fields.status == nil ? point.status : try inputs.status(fields)
            let updated = try await store.meetings.updateActionPoint(point.id, status: status, notes: fields.notes?.trimmingWhiteSpace ?? point.notes,
                                                                     actor: identity.user.id.text)
            return JSONBody(value: MeetingDocuments.ActionPointDocument(updated, today: CalendarDay(Date(), in: .gregorian)))
        }
        guarded.allowed(.get, "/api/v1/action-points", .viewCoordination) { request, _, _ in
            let parameters = request.uri.queryParameters
            let owner = try parameters.get("owner").map { text -> UUID in
                guard let id = UUID(uuidString: text) else { throw AppError.invalidID }
                return id
            }
            let today = CalendarDay(Date(), in: .gregorian)
            return JSONBody(value: MeetingDocuments.ActionPoints(actionPoints: try await store.meetings.overdue(owner: owner, on: today).map {
                MeetingDocuments.ActionPointDocument($0, today: today)
            }))
        }
        guarded.allowed(.get, "/api/v1/awareness", .viewAwareness) { request, context, _ in
            let parameters = request.uri.queryParameters
            let period = try MeetingInputs.period(parameters, calendar: context.calendar)
            let province = parameters.get("province").map(DirectoryValidation.code)
            return JSONBody(value: MeetingDocuments.Reach(try await store.meetings.reach(from: period.from, to: period.to, province: province,
                                                                                       region: try await networkRegion())))
        }
    }

    /// The provinces the network works in: those of its networks' regions.
    func networkRegion() async throws -> [String] {
        Array(Set(try await store.directory.networks().flatMap(\.region))).sorted()
    }
}
