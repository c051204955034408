import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Essential-services issues raised with the authorities: pages and API. Members record and follow
/// them; the raising organisation and coordinators change them.
struct ServiceIssueController: Sendable {
    let store: Store
    let renderer: PageRenderer

    struct Document: Encodable, Sendable {
        struct FollowUpDocument: Encodable, Sendable {
            let day: String
            let meetingId: String?
            let note: String
        }
        let id: String
        let organisationId: String
        let service: String
        let community: String
        let provincePcode: String?
        let districtPcode: String?
        let description: String
        let raisedOn: String
        let authority: String
        let status: String
        let outcome: String
        let followUps: [FollowUpDocument]

        init(_ issue: ServiceIssue) {
            id = issue.id.text
            organisationId = issue.organisationID.text
            service = issue.service.rawValue
            community = issue.community
            provincePcode = issue.provincePcode
            districtPcode = issue.districtPcode
            description = issue.description
            raisedOn = issue.raisedOn.numeric
            authority = issue.authority
            status = issue.status.rawValue
            outcome = issue.outcome
            followUps = issue.followUps.map { FollowUpDocument(day: $0.day.numeric, meetingId: $0.meetingID?.text, note: $0.note) }
        }
    }

    struct List: Encodable, Sendable {
        let issues: [Document]
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/service-issues", .viewCoordination) { request, _, _ in
            let filter = try Self.filter(request.uri.queryParameters)
            return JSONBody(value: List(issues: try await store.serviceIssues.list(openOnly: filter.open, district: filter.district,
                                                                                   service: filter.service).map(Document.init)))
        }
        guarded.allowed(.post, "/api/v1/service-issues", .recordCoordination) { request, context, identity in
            let issue = try await applying(try await decode(ServiceIssueFields.self, request, context), to: blank(identity), context)
            try await store.serviceIssues.create(issue, actor: identity.user.id.text)
            return JSONBody(value: Document(issue), status: .created, location: "/api/v1/service-issues/\(issue.id.text)")
        }
        guarded.allowed(.get, "/api/v1/service-issues/{id}", .viewCoordination) { _, context, _ in
            JSONBody(value: Document(try await issue(context)))
        }
        guarded.allowed(.patch, "/api/v1/service-issues/{id}", .recordCoordination) { request, context, identity in
            let original = try await issue(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: original.organisationID) else { throw AppError.forbidden }
            var issue = try await applying(try await decode(ServiceIssueFields.self, request, context), to: original, context)
            issue.updatedAt = Date()
            try await store.serviceIssues.update(issue, actor: identity.user.id.text)
            return JSONBody(value: Document(issue))
        }
        guarded.allowed(.get, "/service-issues", .viewCoordination) { request, context, identity in
            try await listPage(issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/service-issues", .recordCoordination) { request, context, identity in
            var request = request
            let fields = Self.fields(try await FormFields.read(&request))
            return try await FormSubmission.handle(request, context, save: {
                let issue = try await applying(fields, to: blank(identity), context)
                try await store.serviceIssues.create(issue, actor: identity.user.id.text)
                return "/service-issues/\(issue.id.text)"
            }, failed: { issues in try await listPage(issues: issues, request, context, identity) })
        }
        guarded.allowed(.get, "/service-issues/{id}", .viewCoordination) { request, context, identity in
            try await issuePage(try await issue(context), issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/service-issues/{id}", .recordCoordination) { request, context, identity in
            let original = try await issue(context)
            guard CoordinationPolicy.mayEditProfile(identity.subject, of: original.organisationID) else { throw AppError.forbidden }
            var request = request
            let fields = Self.fields(try await FormFields.read(&request))
            return try await FormSubmission.handle(request, context, save: {
                var issue = try await applying(fields, to: original, context)
                issue.updatedAt = Date()
                try await store.serviceIssues.update(issue, actor: identity.user.id.text)
                return "/service-issues/\(original.id.text)"
            }, failed: { issues in try await issuePage(original, issues: issues, request, context, identity) })
        }
    }

    private func blank(_ identity: SignedIn) -> ServiceIssue {
        ServiceIssue(organisationID: identity.user.organisationID, authorID: identity.user.id, service: .other, community: "", description: "",
                     raisedOn: CalendarDay(Date(), in: .gregorian), authority: "")
    }

    private func applying(_ fields: ServiceIssueFields, to original: ServiceIssue, _ context: AppRequestContext) async throws -> ServiceIssue {
        let units = try await store.gazetteer.byPcode()
        // Only the meeting a follow-up names is looked up, not every meeting.
        var meetings = Set<UUID>()
        if let id = fields.followUpMeetingId.flatMap(UUID.init(uuidString:)), try await store.meetings.find(id: id) != nil { meetings.insert(id) }
        let (issue, problems) = fields.applied(to: original, units: units, meetings: meetings, calendar: context.calendar)
        if !problems.isEmpty { throw AppError.invalid(problems) }
        return issue
    }

    private func issue(_ context: AppRequestContext) async throws -> ServiceIssue {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let issue = try await store.serviceIssues.find(id: id) else { throw AppError.notFound }
        return issue
    }

    static func filter(_ parameters: some Sequence<(key: Substring, value: Substring)>) throws -> (open: Bool, district: String?, service: ServiceIssue.Service?) {
        var open = false, district: String?, service: ServiceIssue.Service?
        for (key, value) in parameters where !value.isEmpty {
            switch key {
            case "open": open = value == "true" || value == "1"
            case "district": district = DirectoryValidation.code(String(value))
            case "service":
                guard let known = ServiceIssue.Service(rawValue: String(value)) else {
                    throw AppError.invalid([ValidationIssue(field: "service", messageKey: "invalid_field_value")], code: "invalid_query",
                                           messageKey: "error_invalid_query")
                }
                service = known
            default: break
            }
        }
        return (open, district, service)
    }

    static func fields(_ form: [String: String]) -> ServiceIssueFields {
        ServiceIssueFields(service: form["service"], community: form["community"], provincePcode: form["province"],
                           districtPcode: form["district"], description: form["description"], raisedOn: form["raisedOn"],
                           calendar: form["calendar"], authority: form["authority"], status: form["status"], outcome: form["outcome"],
                           followUpOn: form["followUpOn"], followUpMeetingId: form["followUpMeeting"], followUpNote: form["followUpNote"])
    }

    private func view(_ context: AppRequestContext) async throws -> (DirectoryView, EventViewModel) {
        let units = try await store.gazetteer.all()
        return (DirectoryView(localizer: renderer.localizer, locale: context.locale, calendar: context.calendar,
                              places: Dictionary(uniqueKeysWithValues: units.map { ($0.pcode, $0) }), networks: [:]),
                EventViewModel(localizer: renderer.localizer, context: context, units: units, organisations: try await store.organisations.all()))
    }

    private func options<Value: CaseIterable & RawRepresentable>(_ type: Value.Type, prefix: String, selected: Value?, _ view: DirectoryView)
        -> [[String: Any]] where Value.RawValue == String {
        type.allCases.map { ["value": $0.rawValue, "label": view.text("\(prefix)_\($0.rawValue)"), "selected": $0.rawValue == selected?.rawValue] }
    }

    private func listPage(issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let (view, eventView) = try await view(context)
        var values: [String: Any] = ["issues": issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }]
        var filter: (open: Bool, district: String?, service: ServiceIssue.Service?) = (true, nil, nil)
        do {
            filter = try Self.filter(request.uri.queryParameters)
            if request.uri.queryParameters.get("open") == nil { filter.open = true }
        } catch let error as AppError {
            values["issues"] = error.issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
        }
        let list = try await store.serviceIssues.list(openOnly: filter.open, district: filter.district, service: filter.service)
        let grouped = Dictionary(grouping: list) { "\($0.districtPcode ?? "")|\($0.service.rawValue)" }
        values["groups"] = grouped.keys.sorted().map { key -> [String: Any] in
            let items = grouped[key]!
            return ["place": view.place(items[0].districtPcode), "service": view.text("service_\(items[0].service.rawValue)"),
                    "items": items.map { ["id": $0.id.text, "community": $0.community, "authority": $0.authority,
                                          "status": view.text("service_status_\($0.status.rawValue)"), "raised": view.day($0.raisedOn)] }]
        }
        values["services"] = options(ServiceIssue.Service.self, prefix: "service", selected: filter.service, view)
        values["districtOptions"] = renderer.optionGroups(eventView.districtGroups(selected: filter.district, within: nil)).selecting(filter.district)
        values["provinceOptions"] = renderer.options(eventView.provinceOptions(selected: nil)).html
        values["formDistrictOptions"] = renderer.optionGroups(eventView.districtGroups(selected: nil, within: nil)).html
        values["calendars"] = MeetingView(directory: view, organisations: [:]).calendars(context.calendar)
        values["showingAll"] = !filter.open
        values["mayRecord"] = AccessPolicy.decide(identity.subject, .recordCoordination).isAllowed
        return try await renderer.formPage(store, "service-issues", title: view.text("service_issues_title"), values, request, context, identity)
    }

    private func issuePage(_ issue: ServiceIssue, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext,
                           _ identity: SignedIn) async throws -> HTMLPage {
        let (view, _) = try await view(context)
        let meetings = try await store.meetings.list(limit: 200)
        let values: [String: Any] = [
            "id": issue.id.text, "community": issue.community, "place": view.place(issue.districtPcode),
            "service": view.text("service_\(issue.service.rawValue)"), "description": issue.description, "raised": view.day(issue.raisedOn),
            "authority": issue.authority, "status": view.text("service_status_\(issue.status.rawValue)"), "outcome": issue.outcome,
            "followUps": issue.followUps.map { ["day": view.day($0.day), "note": $0.note, "meeting": $0.meetingID?.text ?? ""] },
            "mayEdit": CoordinationPolicy.mayEditProfile(identity.subject, of: issue.organisationID),
            "statuses": options(ServiceIssue.Status.self, prefix: "service_status", selected: issue.status, view),
            "meetings": meetings.map { ["value": $0.id.text, "label": "\(view.day($0.day)) — \($0.title)"] },
            "calendars": MeetingView(directory: view, organisations: [:]).calendars(context.calendar),
            "issues": issues.map { ["field": $0.field, "message": view.text($0.messageKey)] },
        ]
        return try await renderer.formPage(store, "service-issue", title: issue.community, values, request, context, identity)
    }
}
