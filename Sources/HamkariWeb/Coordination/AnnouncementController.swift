import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Announcements: coordinators publish them to everyone or to some provinces, districts or themes;
/// members of the organisations they are for read them here (and by e-mail); coordinators see who read.
struct AnnouncementController: Sendable {
    let store: Store
    let renderer: PageRenderer
    let channels: MessageChannels

    struct Document: Encodable, Sendable {
        let id: String
        let title: String
        let body: String
        let provinces: [String]
        let districts: [String]
        let themes: [String]
        let createdAt: String
        /// Coordinators only: the accounts that have read it.
        let readBy: [String]?
    }

    struct List: Encodable, Sendable {
        let announcements: [Document]
    }

    static func document(_ announcement: Announcement, readBy: [String]? = nil) -> Document {
        Document(id: announcement.id.text, title: announcement.title, body: announcement.body, provinces: announcement.provinces,
                 districts: announcement.districts, themes: announcement.themes.map(\.rawValue),
                 createdAt: announcement.createdAt.internetTime, readBy: readBy)
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.get, "/api/v1/announcements", .viewCoordination) { _, _, identity in
            JSONBody(value: List(announcements: try await store.announcements.visible(to: identity.subject).map { Self.document($0) }))
        }
        guarded.allowed(.post, "/api/v1/announcements", .announce) { request, context, identity in
            let announcement = try await make(try await decode(AnnouncementFields.self, request, context), identity)
            try await publish(announcement, context, identity)
            return JSONBody(value: Self.document(announcement, readBy: []), status: .created, location: "/api/v1/announcements/\(announcement.id.text)")
        }
        guarded.allowed(.get, "/api/v1/announcements/{id}", .viewCoordination) { _, context, identity in
            let announcement = try await read(context, identity)
            return JSONBody(value: Self.document(announcement, readBy: try await readers(of: announcement, identity)))
        }
        guarded.allowed(.get, "/announcements", .viewCoordination) { request, context, identity in
            try await listPage(issues: [], request, context, identity)
        }
        guarded.allowed(.post, "/announcements", .announce) { request, context, identity in
            var request = request
            let form = try await FormFields.read(&request)
            let fields = AnnouncementFields(title: form["title"], body: form["body"],
                                            provinces: form.keys.filter { $0.hasPrefix("province_") }.map { String($0.dropFirst(9)) },
                                            districts: (form["districts"] ?? "").split(separator: ",").map { String($0) },
                                            themes: form.keys.filter { $0.hasPrefix("theme_") }.map { String($0.dropFirst(6)) })
            return try await FormSubmission.handle(request, context, save: {
                let announcement = try await make(fields, identity)
                try await publish(announcement, context, identity)
                return "/announcements/\(announcement.id.text)"
            }, failed: { issues in try await listPage(issues: issues, request, context, identity) })
        }
        guarded.allowed(.get, "/announcements/{id}", .viewCoordination) { request, context, identity in
            let announcement = try await read(context, identity)
            let view = try await directoryView(context)
            var values: [String: Any] = [
                "title": announcement.title, "paragraphs": announcement.body.split(separator: "\n").map(String.init),
                "date": DateDisplay.day(announcement.createdAt, calendar: context.calendar, locale: context.locale),
                "places": view.areas(announcement.provinces + announcement.districts), "themes": view.themes(announcement.themes),
            ]
            if let readers = try await readers(of: announcement, identity) {
                values["readers"] = readers.joined(separator: ", ")
                values["readCount"] = Numerals.format(readers.count, for: context.locale)
                values["isCoordinator"] = true
            }
            return renderer.render("announcement", title: announcement.title, values: values, networkName: try await store.networkName(),
                                   request: request, context: context)
        }
    }

    private func make(_ fields: AnnouncementFields, _ identity: SignedIn) async throws -> Announcement {
        let units = try await store.gazetteer.byPcode()
        let (announcement, issues) = fields.announcement(by: identity.user.id, units: units)
        guard let announcement else { throw AppError.invalid(issues) }
        return announcement
    }

    /// Stores it and queues its e-mails; without SMTP it is shown in the application only, and the log says so.
    private func publish(_ announcement: Announcement, _ context: AppRequestContext, _ identity: SignedIn) async throws {
        let queued = try await store.announcements.publish(announcement, deliver: channels.smtp != nil, actor: identity.user.id.text)
        if channels.smtp == nil {
            context.logger.info("Announcement published in the application only: no SMTP server is configured")
        } else {
            context.logger.info("Announcement published", metadata: ["emails": "\(queued)"])
            if queued > 0 { EscalationService.deliverSoon(store, channels) }
        }
    }

    /// The announcement a path names, if it is for the reader (else "not found"); the reading is recorded.
    private func read(_ context: AppRequestContext, _ identity: SignedIn) async throws -> Announcement {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let announcement = try await store.announcements.visible(to: identity.subject).first(where: { $0.id == id }) else {
            throw AppError.notFound
        }
        try await store.announcements.markRead(id, by: identity.user.id)
        return announcement
    }

    private func readers(of announcement: Announcement, _ identity: SignedIn) async throws -> [String]? {
        guard identity.user.role == .coordinator else { return nil }
        var logins: [String] = []
        for reader in try await store.announcements.readers(of: announcement.id) {
            if let login = try await store.users.find(id: reader.account)?.login { logins.append(login) }
        }
        return logins
    }

    private func directoryView(_ context: AppRequestContext) async throws -> DirectoryView {
        DirectoryView(localizer: renderer.localizer, locale: context.locale, calendar: context.calendar,
                      places: try await store.gazetteer.byPcode(), networks: [:])
    }

    private func listPage(issues: [ValidationIssue], _ request: Request, _ context: AppRequestContext, _ identity: SignedIn) async throws -> HTMLPage {
        let view = try await directoryView(context)
        let values: [String: Any] = [
            "announcements": try await store.announcements.visible(to: identity.subject).map { announcement -> [String: Any] in
                ["id": announcement.id.text, "title": announcement.title,
                 "date": DateDisplay.day(announcement.createdAt, calendar: context.calendar, locale: context.locale),
                 "places": view.areas(announcement.provinces + announcement.districts), "themes": view.themes(announcement.themes)]
            },
            "mayAnnounce": AccessPolicy.decide(identity.subject, .announce).isAllowed,
            "provinces": view.provinceChoices(chosen: []), "themes": view.themeOptions(chosen: []),
            "issues": issues.map { ["field": $0.field, "message": view.text($0.messageKey)] }, "csrf": identity.csrfToken ?? "",
        ]
        return renderer.render("announcements", title: view.text("announcements_title"), values: values, networkName: try await store.networkName(),
                               request: request, context: context)
    }
}
