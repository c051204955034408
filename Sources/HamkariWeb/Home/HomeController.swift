import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// The network's home page. Signed in, it shows what the network covers; to anyone else it says
/// only what the network is and offers to sign in, naming no member.
struct HomeController: Sendable {
    let store: Store
    let renderer: PageRenderer

    func addRoutes(to guarded: GuardedRouter) {
        guarded.open(.get, "/") { request, context in
            let locale = context.locale
            let networkName = try await store.networkName()
            var values: [String: Any] = ["networkName": networkName.name(in: locale), "lang": locale.tag]
            if let identity = context.identity, !identity.secondFactorPending,
               AccessPolicy.decide(identity.subject, .viewHome).isAllowed {
                let organisations = try await store.organisations.all()
                values["signedIn"] = true
                values["memberCount"] = Numerals.format(organisations.count, for: locale)
                values["provincesCovered"] = Numerals.format(Set(organisations.compactMap(\.provincePcode)).count, for: locale)
                values["districtsKnown"] = Numerals.format(try await store.gazetteer.count(level: .district), for: locale)
                if AccessPolicy.decide(identity.subject, .viewCoordination).isAllowed {
                    let overdue = try await overdueActions(of: identity.user.organisationID, context)
                    values["overdue"] = overdue
                    values["hasOverdue"] = !overdue.isEmpty
                    let unread = try await store.announcements.unread(by: identity.subject).prefix(5)
                    values["unread"] = unread.map { ["id": $0.id.text, "title": $0.title] }
                    values["hasUnread"] = !unread.isEmpty
                }
            }
            return renderer.render("home", title: renderer.localizer.string("nav_home", locale), values: values,
                                   networkName: networkName, request: request, context: context)
        }
    }

    /// The organisation's action points still to do whose day has passed, flagged on its members' home page.
    private func overdueActions(of organisation: UUID, _ context: AppRequestContext) async throws -> [[String: Any]] {
        try await store.meetings.overdue(owner: organisation, on: CalendarDay(Date(), in: .gregorian)).map { point in
            ["meeting": point.meetingID.text, "description": point.description,
             "due": point.due.date.map { DateDisplay.day($0, calendar: context.calendar, locale: context.locale) } ?? ""]
        }
    }
}
