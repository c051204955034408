import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// `/api/v1/events`: create, read, update, delete drafts, review, history, search with facets, counts.
struct EventAPIController: Sendable {
    let store: Store
    var access: EventAccess { EventAccess(store: store) }

    struct SummaryDocument: Encodable, Sendable {
        let id: String
        let reference: String
        let title: String
        let date: String?
        let dateFirst: String?
        let dateLast: String?
        let provincePcode: String?
        let districtPcode: String?
        let status: VerificationStatus
        let confidentiality: Confidentiality
        let organisationId: String
        let actTypes: [String]

        init(_ summary: EventSummary) {
            id = summary.id.text
            reference = summary.reference
            title = summary.title
            date = summary.date?.entered
            dateFirst = summary.date?.firstISO
            dateLast = summary.date?.lastISO
            provincePcode = summary.provincePcode
            districtPcode = summary.districtPcode
            status = summary.status
            confidentiality = summary.confidentiality
            organisationId = summary.organisationID.text
            actTypes = summary.actTypes
        }
    }

    struct ListDocument: Encodable, Sendable {
        let total: Int
        /// False when more than `total` match: lists count exactly only so far (the counts endpoint counts all).
        let totalIsExact: Bool
        let limit: Int
        let offset: Int
        let events: [SummaryDocument]
    }

    struct SavedDocument: Encodable, Sendable {
        let event: EventDocument
        let likelyDuplicates: [SummaryDocument]
    }

    struct TransitionRequest: Decodable, Sendable {
        let status: VerificationStatus
        let reason: String?
    }

    struct HistoryDocument: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            let revision: Int
            let actor: String
            let time: String
            let change: String
            let fields: [String]
            let fromStatus: VerificationStatus?
            let toStatus: VerificationStatus?
            let reason: String?
        }
        let history: [Entry]
    }

    struct CountsDocument: Encodable, Sendable {
        struct Count: Encodable, Sendable {
            let key: String
            let count: Int
        }
        let by: String
        let total: Int
        let counts: [Count]
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/events", .viewEvents) { request, context, identity in
            let query = try EventQueryParameters.query(from: request.uri.queryParameters, calendar: context.calendar)
            let page = try await store.events.search(query, visibility: EventVisibility(identity.subject))
            return JSONBody(value: ListDocument(total: page.total, totalIsExact: page.totalIsExact, limit: query.limit, offset: query.offset,
                                                events: page.events.map(SummaryDocument.init)))
        }
        guarded.allowed(.get, "/api/v1/events/counts", .viewEvents) { request, context, identity in
            guard let by = EventFacet(rawValue: request.uri.queryParameters.get("by") ?? "province") else {
                throw AppError.invalid([ValidationIssue(field: "by", messageKey: "invalid_filter")], code: "invalid_query",
                                       messageKey: "error_invalid_query")
            }
            let query = try EventQueryParameters.query(from: request.uri.queryParameters, calendar: context.calendar)
            let (counts, total) = try await store.statistics.counts(by: by, query, visibility: EventVisibility(identity.subject))
            return JSONBody(value: CountsDocument(by: by.rawValue, total: total, counts: counts.map { .init(key: $0.key, count: $0.count) }))
        }
        guarded.allowed(.post, "/api/v1/events", .documentEvents) { request, context, identity in
            let document = try await decode(EventDocument.self, request, context)
            let event = try document.event(organisationID: identity.user.organisationID, authorID: identity.user.id, existing: nil)
            let saved = try await access.save(event, existing: nil, identity)
            return try await savedResponse(saved, identity, status: .created)
        }
        guarded.allowed(.get, "/api/v1/events/{id}", .viewEvents) { request, context, identity in
            var event = try await access.visibleEvent(context, identity)
            let identities = request.uri.queryParameters.get("identities") == "true"
            if identities { event = try await access.withIdentities(event, identity) }
            return JSONBody(value: EventDocument(event, identities: identities,
                                                 preciseLocation: access.mayViewPreciseLocation(identity, event)))
        }
        guarded.allowed(.put, "/api/v1/events/{id}", .documentEvents) { request, context, identity in
            let existing = try await access.visibleEvent(context, identity)
            guard access.mayEdit(identity, existing) else { throw AppError.forbidden }
            let document = try await decode(EventDocument.self, request, context)
            if document.people?.contains(where: { [$0.name, $0.otherNames, $0.contact, $0.address].contains { $0 != nil } }) == true,
               !access.mayRevealIdentities(identity, existing) {
                throw AppError.forbidden
            }
            guard document.revision != nil else {
                throw AppError.invalid([ValidationIssue(field: "revision", messageKey: "invalid_revision_required")])
            }
            let event = try document.event(organisationID: existing.organisationID, authorID: existing.authorID, existing: existing)
            let saved = try await access.save(event, existing: existing, identity)
            return try await savedResponse(saved, identity, status: .ok)
        }
        guarded.allowed(.delete, "/api/v1/events/{id}", .documentEvents) { _, context, identity in
            let event = try await access.visibleEvent(context, identity)
            guard access.mayEdit(identity, event) else { throw AppError.forbidden }
            guard event.status == .draft else { throw AppError(status: .conflict, code: "not_a_draft", messageKey: "error_not_a_draft") }
            try await store.events.deleteDraft(event.id, actor: identity.user.id)
            return Response(status: .noContent)
        }
        guarded.allowed(.post, "/api/v1/events/{id}/status", .viewEvents) { request, context, identity in
            let event = try await access.visibleEvent(context, identity)
            let body = try await decode(TransitionRequest.self, request, context)
            let moved = try await access.transition(event, to: body.status, reason: body.reason ?? "", identity)
            return JSONBody(value: EventDocument(moved, identities: false, preciseLocation: access.mayViewPreciseLocation(identity, moved)))
        }
        guarded.allowed(.get, "/api/v1/events/{id}/history", .viewEvents) { _, context, identity in
            let event = try await access.visibleEvent(context, identity)
            let history = try await store.events.history(of: event.id).map {
                HistoryDocument.Entry(revision: $0.revision, actor: $0.actor, time: $0.time.internetTime, change: $0.change.rawValue,
                                      fields: $0.fields, fromStatus: $0.fromStatus, toStatus: $0.toStatus, reason: $0.reason)
            }
            return JSONBody(value: HistoryDocument(history: history))
        }
    }

    private func savedResponse(_ saved: Event, _ identity: SignedIn, status: HTTPResponse.Status) async throws -> JSONBody<SavedDocument> {
        let duplicates = try await store.events.likelyDuplicates(of: saved, visibility: EventVisibility(identity.subject))
        let document = EventDocument(saved, identities: access.mayRevealIdentities(identity, saved),
                                     preciseLocation: access.mayViewPreciseLocation(identity, saved))
        return JSONBody(value: SavedDocument(event: document, likelyDuplicates: duplicates.map(SummaryDocument.init)), status: status,
                        location: "/api/v1/events/\(saved.id.text)")
    }
}
