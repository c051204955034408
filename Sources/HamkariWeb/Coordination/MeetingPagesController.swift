import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Meetings and activities, their action points, and the reach of awareness sessions, as pages.
struct MeetingPagesController: Sendable {
    let store: Store
    let renderer: PageRenderer
    var inputs: MeetingInputs { MeetingInputs(store: store) }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/meetings", .viewCoordination) { request, context, identity in
            try await listPage(request, context, identity)
        }
        guarded.allowed(.get, "/meetings/new", .recordCoordination) { request, context, identity in
            try await formPage(blank(identity, context), isNew: true, issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/meetings", .recordCoordination) { request, context, identity in
            var request = request
            let fields = Self.meetingFields(try await FormFields.read(&request))
            let blank = blank(identity, context)
            return try await FormSubmission.handle(request, context, save: {
                let meeting = try await inputs.applying(fields, to: blank, calendar: context.calendar)
                try await store.meetings.create(meeting, actor: identity.user.id.text)
                return "/meetings/\(meeting.id.text)"
            }, failed: { issues in
                try await formPage(try await inputs.draft(fields, over: blank, calendar: context.calendar), isNew: true, issues: issues,
                                   request, context, identity)
            })
        }
        guarded.allowed(.get, "/meetings/{id}", .viewCoordination) { request, context, identity in
            try await meetingPage(try await inputs.meeting(context), issues: [], request, context, identity)
        }
        guarded.allowed(.get, "/meetings/{id}/edit", .recordCoordination) { request, context, identity in
            let meeting = try await inputs.meeting(context)
            guard MeetingInputs.mayEdit(identity, meeting) else { throw AppError.forbidden }
            return try await formPage(meeting, isNew: false, issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/meetings/{id}/edit", .recordCoordination) { request, context, identity in
            let original = try await inputs.meeting(context)
            guard MeetingInputs.mayEdit(identity, original) else { throw AppError.forbidden }
            var request = request
            let form = try await FormFields.read(&request)
            var fields = Self.meetingFields(form)
            // Names are not shown on the form again; an empty box keeps those recorded.
            if (form["named"] ?? "").trimmingWhiteSpace.isEmpty { fields.namedParticipants = nil }
            let keptFields = fields
            return try await FormSubmission.handle(request, context, save: {
                var meeting = try await inputs.applying(keptFields, to: original, calendar: context.calendar)
                meeting.updatedAt = Date()
                try await store.meetings.update(meeting, replacingParticipants: keptFields.namedParticipants != nil, actor: identity.user.id.text)
                return "/meetings/\(original.id.text)"
            }, failed: { issues in
                try await formPage(try await inputs.draft(keptFields, over: original, calendar: context.calendar), isNew: false, issues: issues,
                                   request, context, identity)
            })
        }
        guarded.allowed(.post, "/meetings/{id}/action-points", .recordCoordination) { request, context, identity in
            let meeting = try await inputs.meeting(context)
            guard MeetingInputs.mayEdit(identity, meeting) else { throw AppError.forbidden }
            var request = request
            let form = try await FormFields.read(&request)
            let fields = ActionPointFields(ownerOrganisationId: form["owner"], description: form["description"], due: form["due"],
                                           calendar: form["calendar"], status: "open", notes: form["notes"])
            return try await FormSubmission.handle(request, context, save: {
                try await store.meetings.addActionPoint(try await inputs.actionPoint(fields, meeting: meeting.id, calendar: context.calendar),
                                                        actor: identity.user.id.text)
                return "/meetings/\(meeting.id.text)"
            }, failed: { issues in try await meetingPage(meeting, issues: issues, request, context, identity) })
        }
        guarded.allowed(.post, "/action-points/{id}", .recordCoordination) { request, context, identity in
            let point = try await inputs.actionPoint(context)
            guard let meeting = try await store.meetings.find(id: point.meetingID) else { throw AppError.notFound }
            guard MeetingInputs.mayUpdate(identity, point, of: meeting) else { throw AppError.forbidden }
            var request = request
            let form = try await FormFields.read(&request)
            return try await FormSubmission.handle(request, context, save: {
                let status = try inputs.status(ActionPointFields(status: form["status"]))
                _ = try await store.meetings.updateActionPoint(point.id, status: status, notes: form["notes"]?.trimmingWhiteSpace ?? point.notes,
                                                               actor: identity.user.id.text)
                return "/meetings/\(meeting.id.text)"
            }, failed: { issues in try await meetingPage(meeting, issues: issues, request, context, identity) })
        }
        guarded.allowed(.get, "/awareness", .viewAwareness) { request, context, identity in
            try await awarenessPage(request, context, identity)
        }
    }

    private func blank(_ identity: SignedIn, _ context: AppRequestContext) -> Meeting {
        Meeting(kind: .coordinationMeeting, organisationID: identity.user.organisationID, authorID: identity.user.id, title: "",
                day: CalendarDay(Date(), in: .gregorian), calendar: context.calendar)
    }

    private func view(_ context: AppRequestContext) async throws -> MeetingView {
        MeetingView(directory: DirectoryView(localizer: renderer.localizer, locale: context.locale, calendar: context.calendar,
                                             places: try await store.gazetteer.byPcode(),
                                             networks: [:]),
                    organisations: Dictionary(uniqueKeysWithValues: try await store.organisations.all().map { ($0.id, $0) }))
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await view(context)
        let parameters = request.uri.queryParameters
        let kind = parameters.get("kind").flatMap(Meeting.Kind.init(rawValue:))
        let meetings = try await store.meetings.list(kind: kind, district: parameters.get("district").flatMap { $0.isEmpty ? nil : String($0) })
        let values: [String: Any] = [
            "meetings": meetings.map(view.row),
            "kinds": Meeting.Kind.allCases.map { ["value": $0.rawValue, "label": view.text("meeting_kind_\($0.rawValue)"), "selected": $0 == kind] },
            "mayRecord": AccessPolicy.decide(identity.subject, .recordCoordination).isAllowed,
        ]
        return try await renderer.formPage(store, "meetings", title: view.text("meetings_title"), values, request, context, identity)
    }

    private func meetingPage(_ meeting: Meeting, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext,
                             _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await view(context)
        var values = view.row(meeting)
        values["mayEdit"] = MeetingInputs.mayEdit(identity, meeting)
        values["place"] = [view.directory.place(meeting.districtPcode ?? meeting.provincePcode), meeting.place].filter { !$0.isEmpty }
            .joined(separator: " — ")
        values["organisers"] = (meeting.organisers.map(view.organisation) + meeting.externalOrganisers).joined(separator: "، ")
        values["participants"] = meeting.participants.map(view.organisation).joined(separator: "، ")
        values["attendance"] = view.attendance(meeting.attendance)
        values["agenda"] = meeting.agenda.map { item -> [String: Any] in
            ["title": item.title, "articles": item.articles.map { ["reference": $0.description, "path": "/standards/\($0.instrument)/\($0.number)"] }]
        }
        values["outcomes"] = meeting.outcomes
        values["decisions"] = meeting.decisions
        values["issues"] = issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
        if CoordinationPolicy.mayReadContacts(identity.subject, of: meeting.organisationID) {
            let reveal = request.uri.queryParameters.get("names") == "1"
            values["mayRevealNames"] = !reveal
            if reveal {
                values["named"] = try await store.meetings.namedParticipants(of: meeting.id, viewer: identity.user.id.text).map {
                    ["name": $0.name, "organisation": $0.organisation ?? "", "consent": view.directory.day($0.consentOn)]
                }
            }
        }
        let today = CalendarDay(Date(), in: .gregorian)
        values["actionPoints"] = try await store.meetings.actionPoints(of: meeting.id).map { point -> [String: Any] in
            ["id": point.id.text, "owner": view.organisation(point.ownerOrganisationID), "description": point.description,
             "due": view.directory.day(point.due), "status": view.text("action_status_\(point.status.rawValue)"), "notes": point.notes,
             "overdue": point.isOverdue(on: today), "mayUpdate": MeetingInputs.mayUpdate(identity, point, of: meeting),
             "statuses": ActionPoint.Status.allCases.map { ["value": $0.rawValue, "label": view.text("action_status_\($0.rawValue)"),
                                                             "selected": $0 == point.status] }]
        }
        values["owners"] = view.organisationOptions(chosen: [])
        values["calendars"] = view.calendars(context.calendar)
        return try await renderer.formPage(store, "meeting", title: meeting.title, values, request, context, identity)
    }

    private func formPage(_ meeting: Meeting, isNew: Bool, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext,
                          _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await view(context)
        let eventView = EventViewModel(localizer: renderer.localizer, context: context, units: Array(view.directory.places.values),
                                       organisations: Array(view.organisations.values))
        let values: [String: Any] = [
            "isNew": isNew, "action": isNew ? "/meetings" : "/meetings/\(meeting.id.text)/edit", "title": meeting.title,
            "kinds": Meeting.Kind.allCases.map { ["value": $0.rawValue, "label": view.text("meeting_kind_\($0.rawValue)"), "selected": $0 == meeting.kind] },
            "date": meeting.title.isEmpty && isNew ? "" : (meeting.day.converted(to: meeting.calendar) ?? meeting.day).numeric,
            "calendars": view.calendars(meeting.calendar),
            "provinceOptions": renderer.options(eventView.provinceOptions(selected: nil)).selecting(meeting.provincePcode),
            "districtOptions": renderer.optionGroups(eventView.districtGroups(selected: meeting.districtPcode, within: meeting.provincePcode))
                .selecting(meeting.districtPcode),
            "place": meeting.place,
            "organisers": view.organisationOptions(chosen: meeting.organisers),
            "participants": view.organisationOptions(chosen: meeting.participants),
            "external": meeting.externalOrganisers.joined(separator: "\n"),
            "men": meeting.attendance.men, "women": meeting.attendance.women, "boys": meeting.attendance.boys, "girls": meeting.attendance.girls,
            "unknown": meeting.attendance.unknown,
            "agenda": meeting.agenda.map { ([$0.title] + ($0.articles.isEmpty ? [] : [$0.articles.map(\.description).joined(separator: ", ")]))
                .joined(separator: " | ") }.joined(separator: "\n"),
            "outcomes": meeting.outcomes, "decisions": meeting.decisions,
            "issues": issues.map { ["field": $0.field, "message": view.text($0.messageKey)] },
        ]
        return try await renderer.formPage(store, "meeting-form", title: view.text(isNew ? "meeting_new" : "meeting_edit"), values, request, context, identity)
    }

    private func awarenessPage(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await view(context)
        let parameters = request.uri.queryParameters
        var values: [String: Any] = ["issues": [[String: Any]]()]
        var period = try MeetingInputs.period([], calendar: context.calendar)
        do {
            period = try MeetingInputs.period(parameters, calendar: context.calendar)
        } catch let error as AppError {
            values["issues"] = error.issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
        }
        let province = parameters.get("province").flatMap { $0.isEmpty ? nil : DirectoryValidation.code(String($0)) }
        let reach = try await store.meetings.reach(from: period.from, to: period.to, province: province,
                                                   region: try await MeetingAPIController(store: store).networkRegion())
        let eventView = EventViewModel(localizer: renderer.localizer, context: context, units: Array(view.directory.places.values),
                                       organisations: Array(view.organisations.values))
        func place(_ row: AwarenessReach.Place) -> [String: Any] {
            ["place": view.directory.place(row.pcode), "sessions": Numerals.format(row.sessions, for: context.locale)]
                .merging(view.attendanceColumns(row.attendance)) { first, _ in first }
        }
        values["from"] = parameters.get("from") ?? ""
        values["to"] = parameters.get("to") ?? ""
        values["periodShown"] = "\(view.directory.day(CalendarDay(iso: period.from))) – \(view.directory.day(CalendarDay(iso: period.to)))"
        values["provinceOptions"] = renderer.options(eventView.provinceOptions(selected: nil)).selecting(province)
        values["sessions"] = Numerals.format(reach.sessions, for: context.locale)
        values["total"] = view.attendanceColumns(reach.attendance)
        values["byProvince"] = reach.byProvince.map(place)
        values["byDistrict"] = reach.byDistrict.map(place)
        values["topics"] = reach.topics.map { ["reference": $0.article.description, "path": "/standards/\($0.article.instrument)/\($0.article.number)",
                                               "sessions": Numerals.format($0.sessions, for: context.locale)] }
        values["unreached"] = reach.unreached.map { ["place": view.directory.place($0)] }
        return try await renderer.formPage(store, "awareness", title: view.text("awareness_title"), values, request, context, identity)
    }

    static func meetingFields(_ form: [String: String]) -> MeetingFields {
        func lines(_ name: String) -> [String] {
            (form[name] ?? "").split(whereSeparator: \.isNewline).map { String($0).trimmingWhiteSpace }.filter { !$0.isEmpty }
        }
        let consent = form["named_consent"] == "on"
        return MeetingFields(
            kind: form["kind"], title: form["title"] ?? "", date: form["date"] ?? "", calendar: form["calendar"],
            provincePcode: form["province"] ?? "", districtPcode: form["district"] ?? "", place: form["place"] ?? "",
            organisers: form.keys.filter { $0.hasPrefix("organiser_") }.map { String($0.dropFirst(10)) },
            externalOrganisers: lines("external"),
            participants: form.keys.filter { $0.hasPrefix("participant_") }.map { String($0.dropFirst(12)) },
            attendance: MeetingFields.Attendance(men: Int(form["men"] ?? "0") ?? -1, women: Int(form["women"] ?? "0") ?? -1,
                                                 boys: Int(form["boys"] ?? "0") ?? -1, girls: Int(form["girls"] ?? "0") ?? -1,
                                                 unknown: Int(form["unknown"] ?? "0") ?? -1),
            namedParticipants: lines("named").map { line in
                let parts = line.split(separator: "|", maxSplits: 1).map { String($0).trimmingWhiteSpace }
                return MeetingFields.Named(name: parts[0], organisation: parts.count > 1 ? parts[1] : nil, consent: consent)
            },
            agenda: lines("agenda").map { line in
                let parts = line.split(separator: "|", maxSplits: 1).map { String($0).trimmingWhiteSpace }
                return MeetingFields.Agenda(title: parts[0], articles: parts.count > 1 ? parts[1].split(separator: ",").map { String($0) } : [])
            },
            outcomes: form["outcomes"] ?? "", decisions: form["decisions"] ?? "")
    }
}
