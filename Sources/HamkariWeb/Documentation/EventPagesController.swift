import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The documentation pages: the list with filters, step-by-step entry, the record page, review.
struct EventPagesController: Sendable {
    let store: Store
    let renderer: PageRenderer
    var localizer: Localizer { renderer.localizer }
    var access: EventAccess { EventAccess(store: store) }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/events", .viewEvents) { request, context, identity in
            try await listPage(request, context, identity)
        }
        guarded.allowed(.get, "/events/new", .documentEvents) { request, context, identity in
            let draft = Event(organisationID: identity.user.organisationID, authorID: identity.user.id, title: "")
            return try await formPage(draft, isNew: true, issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/events", .documentEvents) { request, context, identity in
            var request = request
            var form = EventForms(try await FormFields.read(&request))
            var event = Event(organisationID: identity.user.organisationID, authorID: identity.user.id, title: "")
            form.applyBasics(to: &event)
            return try await saving(event, existing: nil, formIssues: form.issues, request, context, identity) { issues in
                try await formPage(event, isNew: true, issues: issues, request, context, identity)
            }
        }
        guarded.allowed(.get, "/events/{id}", .viewEvents) { request, context, identity in
            var event = try await access.visibleEvent(context, identity)
            let reveal = request.uri.queryParameters.get("identities") == "1"
            if reveal { event = try await access.withIdentities(event, identity) }
            return try await recordPage(event, revealed: reveal, issues: [], request, context, identity)
        }
        guarded.allowed(.get, "/events/{id}/edit", .documentEvents) { request, context, identity in
            let event = try await access.visibleEvent(context, identity)
            guard access.mayEdit(identity, event) else { throw AppError.forbidden }
            return try await formPage(event, isNew: false, issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/events/{id}/edit", .documentEvents) { request, context, identity in
            let existing = try await access.visibleEvent(context, identity)
            var request = request
            let fields = try await FormFields.read(&request)
            var form = EventForms(fields)
            var event = existing
            form.applyBasics(to: &event)
            event.revision = Int(fields["revision"] ?? "") ?? -1
            return try await saving(event, existing: existing, formIssues: form.issues, request, context, identity) { issues in
                try await formPage(event, isNew: false, issues: issues, request, context, identity)
            }
        }
        for part in ["acts", "people", "sources", "interventions"] {
            guarded.allowed(.post, "/events/{id}/\(part)", .documentEvents) { request, context, identity in
                let existing = try await access.visibleEvent(context, identity)
                var request = request
                let fields = try await FormFields.read(&request)
                var form = EventForms(fields)
                var event = existing
                switch part {
                case "acts": event.acts.append(form.act(in: existing))
                case "people":
                    guard access.mayRevealIdentities(identity, existing) else { throw AppError.forbidden }
                    event.people.append(form.person())
                case "sources": event.sources.append(form.source(in: existing))
                default: event.interventions.append(form.intervention())
                }
                return try await saving(event, existing: existing, formIssues: form.issues, request, context, identity) { issues in
                    try await recordPage(existing, revealed: false, issues: issues, request, context, identity)
                }
            }
        }
        guarded.allowed(.post, "/events/{id}/remove", .documentEvents) { request, context, identity in
            let existing = try await access.visibleEvent(context, identity)
            var request = request
            let fields = try await FormFields.read(&request)
            let parts = (fields["part"] ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let partID = UUID(uuidString: parts[1]) else { throw AppError.badRequest }
            var event = existing
            switch parts[0] {
            case "act": event.acts.removeAll { $0.id == partID }
            case "person": event.people.removeAll { $0.id == partID }
            case "source": event.sources.removeAll { $0.id == partID }
            case "intervention": event.interventions.removeAll { $0.id == partID }
            default: throw AppError.badRequest
            }
            return try await saving(event, existing: existing, formIssues: [], request, context, identity) { issues in
                try await recordPage(existing, revealed: false, issues: issues, request, context, identity)
            }
        }
        guarded.allowed(.post, "/events/{id}/status", .viewEvents) { request, context, identity in
            let event = try await access.visibleEvent(context, identity)
            var request = request
            let fields = try await FormFields.read(&request)
            guard let target = fields["status"].flatMap(VerificationStatus.init(rawValue:)) else { throw AppError.badRequest }
            do {
                _ = try await access.transition(event, to: target, reason: fields["reason"] ?? "", identity)
            } catch let error as AppError where !error.issues.isEmpty {
                var page = try await recordPage(event, revealed: false, issues: error.issues, request, context, identity)
                page.status = .unprocessableContent
                return try page.response(from: request, context: context)
            }
            return Response.redirect(to: "/events/\(event.id.text)", type: .found)
        }
        guarded.allowed(.post, "/events/{id}/delete", .documentEvents) { _, context, identity in
            let event = try await access.visibleEvent(context, identity)
            guard access.mayEdit(identity, event), event.status == .draft else { throw AppError.forbidden }
            try await store.events.deleteDraft(event.id, actor: identity.user.id)
            return Response.redirect(to: "/events", type: .found)
        }
    }

    /// Saves, then shows the record; on a problem the reader can fix, shows `failed` with the issues.
    private func saving(
        _ event: Event, existing: Event?, formIssues: [ValidationIssue], _ request: Request, _ context: AppRequestContext,
        _ identity: SignedIn, failed: ([ValidationIssue]) async throws -> HTMLPage
    ) async throws -> Response {
        do {
            if !formIssues.isEmpty { throw AppError.invalid(formIssues) }
            let saved = try await access.save(event, existing: existing, identity)
            return Response.redirect(to: "/events/\(saved.id.text)", type: .found)
        } catch let error as AppError where !error.issues.isEmpty {
            var page = try await failed(error.issues)
            page.status = .unprocessableContent
            return try page.response(from: request, context: context)
        }
    }

    /// The articles an event's acts engage, each in the reader's language where the library has it.
    private func engagedArticles(_ event: Event, _ view: EventViewModel) async throws -> [[String: Any]] {
        let references = event.articlesEngaged(in: view.vocabulary)
        let texts = Dictionary(grouping: try await store.standards.articles(referenced: references), by: \.reference)
        return references.map { reference in
            var row: [String: Any] = ["reference": reference.description, "instrument": reference.instrument, "number": reference.number]
            let translations = texts[reference] ?? []
            if let language = StandardArticle.language(for: view.locale, among: translations.map(\.language)),
               let article = translations.first(where: { $0.language == language }) {
                row["imported"] = true
                row["language"] = language
                row["dir"] = StandardArticle.isRightToLeft(language) ? "rtl" : "ltr"
                row["excerpt"] = article.text.count > 160 ? String(article.text.prefix(160)) + "…" : article.text
            }
            return row
        }
    }

    private func viewModel(_ context: AppRequestContext) async throws -> EventViewModel {
        EventViewModel(localizer: localizer, context: context, units: try await store.gazetteer.all(),
                       organisations: try await store.organisations.all())
    }

    private func render(_ template: String, title: String, _ values: [String: Any], _ request: Request, _ context: AppRequestContext) async throws -> HTMLPage {
        renderer.render(template, title: title, values: values, networkName: try await store.networkName(), request: request, context: context)
    }

    private func issueRows(_ issues: [ValidationIssue], _ view: EventViewModel) -> [[String: Any]] {
        issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await viewModel(context)
        let parameters = request.uri.queryParameters
        var values: [String: Any] = ["issues": [[String: Any]]()]
        var query = EventQuery()
        do {
            query = try EventQueryParameters.query(from: parameters, calendar: context.calendar)
        } catch let error as AppError {
            values["issues"] = issueRows(error.issues, view)
        }
        query.limit = 25
        query.offset = max(0, Int(parameters.get("offset") ?? "0") ?? 0)
        let page = try await store.events.search(query, visibility: EventVisibility(identity.subject))
        let keep = ["q", "province", "district", "from", "to", "actType", "perpetratorType", "status", "victimSex", "victimAgeGroup"]
            .compactMap { name in parameters.get(name).flatMap { $0.isEmpty ? nil : "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } }
            .joined(separator: "&")
        values["events"] = page.events.map(view.summaryRow)
        values["hasEvents"] = !page.events.isEmpty
        values["total"] = page.totalIsExact
            ? view.number(page.total) : view.text("events_more_than").replacingOccurrences(of: "{count}", with: view.number(page.total))
        values["q"] = query.text
        values["from"] = parameters.get("from") ?? ""
        values["to"] = parameters.get("to") ?? ""
        let options = try await EventFilterOptions.cached(view, province: query.provincePcode, district: query.districtPcode,
                                                          renderer: renderer, store: store)
        values["provinceOptions"] = options.provinces.selecting(query.provincePcode)
        values["districtOptions"] = options.districts.selecting(query.districtPcode)
        values["actTypeOptions"] = options.actTypes.selecting(query.actType)
        values["perpetratorTypeOptions"] = options.perpetratorTypes.selecting(query.perpetratorType)
        values["statusOptions"] = options.statuses.selecting(query.status?.rawValue)
        values["sexOptions"] = options.sexes.selecting(query.victimSex?.rawValue)
        values["ageGroupOptions"] = options.ageGroups.selecting(query.victimAgeGroup?.rawValue)
        values["mayDocument"] = AccessPolicy.decide(identity.subject, .documentEvents).isAllowed
        values["mayImport"] = AccessPolicy.decide(identity.subject, .importEvents).isAllowed
        values["exportQuery"] = keep
        if query.offset > 0 { values["previous"] = "/events?\(keep)&offset=\(max(0, query.offset - query.limit))" }
        if query.offset + query.limit < page.total || !page.totalIsExact { values["next"] = "/events?\(keep)&offset=\(query.offset + query.limit)" }
        return try await render("events", title: view.text("events_title"), values, request, context)
    }

    private func formPage(
        _ event: Event, isNew: Bool, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn
    ) async throws -> HTMLPage {
        let view = try await viewModel(context)
        let precise = isNew || access.mayViewPreciseLocation(identity, event)
        let coordinates = precise ? event.coordinates : event.coordinates?.rounded
        let values: [String: Any] = [
            "isNew": isNew, "action": isNew ? "/events" : "/events/\(event.id.text)/edit", "csrf": identity.csrfToken ?? "",
            "id": event.id.text, "reference": event.reference, "revision": event.revision,
            "title": event.title, "description": event.description, "date": event.date?.entered ?? "",
            "calendars": CalendarSystem.allCases.map { option -> [String: Any] in
                ["value": option.rawValue, "label": view.text(option == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri"),
                 "selected": option == (event.date?.calendar ?? context.calendar)]
            },
            "provinces": view.provinceOptions(selected: event.provincePcode),
            "districtGroups": view.districtGroups(selected: event.districtPcode, within: event.provincePcode),
            "village": precise ? event.village ?? "" : "",
            "latitude": coordinates.map { String($0.latitude) } ?? "", "longitude": coordinates.map { String($0.longitude) } ?? "",
            "confidentialities": view.options(Confidentiality.self, prefix: "confidentiality", selected: event.confidentiality),
            "organisations": view.organisationOptions(selected: Set(event.sharedWith)).filter { ($0["value"] as? String) != identity.user.organisationID.text },
            "issues": issueRows(issues, view),
        ]
        return try await render("event-form", title: view.text(isNew ? "event_new_title" : "event_edit_title"), values, request, context)
    }

    private func recordPage(
        _ event: Event, revealed: Bool, issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn
    ) async throws -> HTMLPage {
        let view = try await viewModel(context)
        let precise = access.mayViewPreciseLocation(identity, event)
        let mayEdit = access.mayEdit(identity, event)
        let coordinates = precise ? event.coordinates : event.coordinates?.rounded
        let personOptions = event.people.map { ["value": $0.code, "label": $0.code] }
        var users: [UUID: String] = [:]
        let history = try await store.events.history(of: event.id)
        for actor in Set(history.compactMap { UUID(uuidString: $0.actor) }) {
            users[actor] = try await store.users.find(id: actor)?.login
        }
        let steps = VerificationWorkflow.nextSteps(from: event.status).filter { target in
            do { try VerificationWorkflow.check(identity.subject, moving: event, to: target, reason: "-"); return true } catch { return false }
        }
        let duplicates = mayEdit ? try await store.events.likelyDuplicates(of: event, visibility: EventVisibility(identity.subject)) : []
        let engaged = try await engagedArticles(event, view)
        var values: [String: Any] = [
            "engagedArticles": engaged,
            "id": event.id.text, "reference": event.reference, "title": event.title, "description": event.description,
            "csrf": identity.csrfToken ?? "", "status": view.text("status_\(event.status.rawValue)"),
            "confidentiality": view.text("confidentiality_\(event.confidentiality.rawValue)"),
            "date": view.date(event.date), "place": view.place(province: event.provincePcode, district: event.districtPcode),
            "village": precise ? event.village ?? "" : "", "organisation": view.organisation(event.organisationID),
            "coordinates": coordinates.map { "\($0.latitude), \($0.longitude)" + (precise ? "" : " (\(view.text("rounded")))") } ?? "",
            "mayEdit": mayEdit, "mayReveal": access.mayRevealIdentities(identity, event) && !event.people.isEmpty && !revealed,
            "revealed": revealed, "isDraft": event.status == .draft,
            // Offered only where consent allows a draft at all (any source outside internal use), and names only with public consent.
            "mayDraftCommunication": AccessPolicy.decide(identity.subject, .documentEvents).isAllowed
                && [.anonymised, .public].contains(CommunicationDraft.consent(of: event)),
            "mayDraftWithNames": access.mayRevealIdentities(identity, event) && CommunicationDraft.consent(of: event) == .public,
            "acts": event.acts.map { act -> [String: Any] in
                [
                    "part": "act:\(act.id.text)",
                    "type": view.vocabulary.label(.actType, act.type, in: view.locale), "victim": view.victim(act, in: event),
                    "date": act.date.map(view.date) ?? "", "notes": act.notes,
                    "rights": act.rightsAffected.map { view.vocabulary.label(.rightAffected, $0, in: view.locale) }.joined(separator: "; "),
                    "involvements": act.involvements.map { involvement -> [String: Any] in
                        [
                            "type": view.vocabulary.label(.perpetratorType, involvement.perpetratorType, in: view.locale),
                            "degree": view.vocabulary.label(.involvementDegree, involvement.degree, in: view.locale),
                            "who": [event.person(involvement.perpetratorPersonID)?.code, involvement.perpetratorGroup]
                                .compactMap { $0 }.joined(separator: " "),
                        ]
                    },
                ]
            },
            "people": event.people.map { person -> [String: Any] in
                var row: [String: Any] = [
                    "part": "person:\(person.id.text)", "code": person.code,
                    "roles": person.roles.sorted { $0.rawValue < $1.rawValue }.map { view.text("role_person_\($0.rawValue)") }.joined(separator: ", "),
                    "sex": view.text("sex_\(person.sex.rawValue)"), "age": view.text("age_\(person.ageGroup.rawValue)"),
                    "occupation": view.text("occupation_\(person.occupation.rawValue)"),
                    "defender": person.isHumanRightsDefender, "journalist": person.isJournalist,
                ]
                if revealed, let identity = person.identity {
                    row["identity"] = ["name": identity.name, "otherNames": identity.otherNames, "contact": identity.contact, "address": identity.address]
                }
                return row
            },
            "sources": event.sources.map { source -> [String: Any] in
                [
                    "part": "source:\(source.id.text)",
                    "who": event.person(source.personID)?.code ?? view.organisation(source.organisationID),
                    "method": view.text("method_\(source.method.rawValue)"), "grade": "\(source.reliability.rawValue)\(source.credibility)",
                    "consent": view.text("consent_\(source.consent.rawValue)"), "date": source.receivedOn.map(view.date) ?? "", "notes": source.notes,
                ]
            },
            "interventions": event.interventions.map { intervention -> [String: Any] in
                [
                    "part": "intervention:\(intervention.id.text)",
                    "kind": view.text("intervention_\(intervention.kind.rawValue)"), "by": view.organisation(intervention.organisationID),
                    "date": intervention.date.map(view.date) ?? "", "status": view.text("intervention_status_\(intervention.status.rawValue)"),
                    "response": intervention.response,
                ]
            },
            "history": history.reversed().map { entry -> [String: Any] in
                [
                    "revision": view.number(entry.revision), "who": UUID(uuidString: entry.actor).flatMap { users[$0] } ?? entry.actor,
                    "when": DateDisplay.day(entry.time, calendar: context.calendar, locale: context.locale),
                    "change": view.text("change_\(entry.change.rawValue)"),
                    "fields": entry.fields.map { view.text("field_\($0)") }.joined(separator: ", "),
                    "statusChange": entry.fromStatus.map { "\(view.text("status_\($0.rawValue)")) → \(view.text("status_\(entry.toStatus?.rawValue ?? "")"))" } ?? "",
                    "reason": entry.reason ?? "",
                ]
            },
            "steps": steps.map { ["value": $0.rawValue, "label": view.text("step_\($0.rawValue)")] },
            "duplicates": duplicates.map(view.summaryRow),
            "issues": issueRows(issues, view),
            "personOptions": personOptions,
            "actTypes": view.options(.actType, selected: nil),
            "perpetratorTypes": view.options(.perpetratorType, selected: nil),
            "degrees": view.options(.involvementDegree, selected: "unknown"),
            "rights": view.options(.rightAffected, selected: nil),
            "personRoles": view.options(Person.Role.self, prefix: "role_person", selected: nil),
            "sexes": view.options(Person.Sex.self, prefix: "sex", selected: .unknown),
            "ageGroups": view.options(Person.AgeGroup.self, prefix: "age", selected: .unknown),
            "occupations": view.options(Person.Occupation.self, prefix: "occupation", selected: .unknown),
            "methods": view.options(Source.Method.self, prefix: "method", selected: .interview),
            "reliabilities": Source.Reliability.allCases.map { ["value": $0.rawValue, "label": "\($0.rawValue) — \(view.text("reliability_\($0.rawValue)"))", "selected": $0 == .f] },
            "credibilities": (1...6).map { ["value": "\($0)", "label": "\($0) — \(view.text("credibility_\($0)"))", "selected": $0 == 6] },
            "consents": view.options(Source.Consent.self, prefix: "consent", selected: .internal),
            "interventionKinds": view.options(Intervention.Kind.self, prefix: "intervention", selected: .referral),
            "interventionStatuses": view.options(Intervention.Status.self, prefix: "intervention_status", selected: .planned),
            "organisations": view.organisationOptions(selected: []),
            "calendars": CalendarSystem.allCases.map { option -> [String: Any] in
                ["value": option.rawValue, "label": view.text(option == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri"),
                 "selected": option == context.calendar]
            },
        ]
        values["hasPeople"] = !event.people.isEmpty
        let mayDownload = access.mayRevealIdentities(identity, event)
        values["evidence"] = try await store.evidence.files(of: event.id).map { file -> [String: Any] in
            [
                "id": file.id.text, "sha256": file.sha256, "size": view.number(file.size), "type": file.mediaType,
                "name": mayDownload ? file.filename : "", "mayDownload": mayDownload, "hasWorking": file.workingSize != nil,
            ]
        }
        return try await render("event", title: "\(event.reference) — \(event.title)", values, request, context)
    }
}
