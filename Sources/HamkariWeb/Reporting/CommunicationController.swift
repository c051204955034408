import Foundation
import HamkariCore
import HamkariStore
import Hummingbird
import Mustache

/// Makes a draft communication to the UN special procedures for one case, in any of the four
/// languages, as HTML, PDF or JSON. Refused for a case whose sources did not agree to use outside
/// the network; names only on request, with public consent, for those who may see them (and that
/// reading is audited). Nothing is sent from Hamkari: the network submits it itself.
public struct CommunicationMaker: Sendable {
    let store: Store
    let localizer: Localizer
    let library: MustacheLibrary

    public enum Failure: Error, Equatable {
        case refused(CommunicationDraft.Refusal)
        /// Names were asked for by someone who may not see identities.
        case identitiesForbidden
    }

    public static func load(store: Store) async throws -> CommunicationMaker {
        let localizer = try Localizer.loadBundled()
        return CommunicationMaker(store: store, localizer: localizer,
                                  library: try await PageRenderer.loadBundled(localizer: localizer, demo: false).library)
    }

    /// The draft as `format` (html, json or pdf) and its media type.
    public func make(_ visible: Event, subject: AccessPolicy.Subject, actor: String, locale: AppLocale, calendar: CalendarSystem,
                     names: Bool, format: String, printer: ChromiumPrinter?) async throws -> (body: Data, type: String) {
        // Consent first: a refused draft opens no identity.
        do { _ = try CommunicationDraft.draft(visible, includeIdentities: names) } catch { throw Failure.refused(error) }
        var event = visible
        if names {
            guard AccessPolicy.decide(subject, .viewIdentity, on: EventVisibility.resource(of: event)).isAllowed else { throw Failure.identitiesForbidden }
            event = try await store.events.findRevealingIdentities(id: event.id, viewer: actor) ?? event
        }
        let draft: CommunicationDraft
        do { draft = try CommunicationDraft.draft(event, includeIdentities: names) } catch { throw Failure.refused(error) }
        try await store.audit.append(AuditEvent(actor: actor, action: .communicationDrafted,
                                                target: "\(event.id.text) \(locale.tag)\(names ? " with identities" : "")"))
        let view = CommunicationView(localizer: localizer, locale: locale, calendar: calendar, units: try await store.gazetteer.all(),
                                     organisation: try await store.organisations.find(id: event.organisationID))
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try encoder.encode(view.document(draft)), "application/json; charset=utf-8")
        case "pdf":
            guard let printer else { throw ChromiumPrinter.Failure.notInstalled }
            return (try await printer.pdf(of: view.html(draft, library: library)), "application/pdf")
        default:
            return (Data(view.html(draft, library: library).utf8), "text/html; charset=utf-8")
        }
    }
}

/// The communication's routes: the page (to print) and the API.
struct CommunicationController: Sendable {
    let maker: CommunicationMaker
    var access: EventAccess { EventAccess(store: maker.store) }

    func addRoutes(to guarded: GuardedRouter) {
        for path in ["/events/{id}/communication", "/api/v1/events/{id}/communication"] {
            guarded.allowed(.get, path, .documentEvents) { request, context, identity in
                try await communication(request, context, identity)
            }
        }
    }

    private func communication(_ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> Response {
        let format = try OutputFormat(request)
        let printer = try format.printer()
        let event = try await access.visibleEvent(context, identity)
        let made: (body: Data, type: String)
        do {
            made = try await maker.make(event, subject: identity.subject, actor: identity.user.id.text, locale: context.locale,
                                        calendar: context.calendar, names: request.uri.queryParameters.get("identities") == "true", format: format.rawValue, printer: printer)
        } catch let failure as CommunicationMaker.Failure {
            throw Self.error(failure)
        }
        var headers: HTTPFields = [.contentType: made.type]
        if format == .pdf { headers[.contentDisposition] = "attachment; filename=\"hamkari-communication-\(event.reference).pdf\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: made.body)))
    }

    static func error(_ failure: CommunicationMaker.Failure) -> AppError {
        switch failure {
        case .identitiesForbidden: .forbidden
        case .refused(let refusal): AppError(status: .conflict, code: refusal.code, messageKey: refusal.messageKey)
        }
    }
}
