import Foundation
import HamkariCore
import Hummingbird
import Mustache

/// Renders a page template inside the layout, with what every page shows: language and calendar
/// pickers, navigation, today's date in the reader's calendar, and the demo banner.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let localizer: Localizer
    let demo: Bool

    static func loadBundled(localizer: Localizer, demo: Bool) async throws -> PageRenderer {
        let directory = try BundledResources.directory.appendingPathComponent("templates").path
        ByteEscapedHTML.register()
        let library = try await MustacheLibrary(directory: directory)
        return PageRenderer(library: library, localizer: localizer, demo: demo)
    }

    struct NavItem {
        let path: String
        let labelKey: String
        let action: AccessPolicy.Action
        /// Shown only to these roles (nil: to whoever the policy lets through).
        var roles: Set<Role>? = nil
    }

    /// The menu; an item shows only to those the policy lets through.
    static let navigation = [
        NavItem(path: "/", labelKey: "nav_home", action: .viewHome),
        NavItem(path: "/events", labelKey: "nav_events", action: .viewEvents),
        NavItem(path: "/dashboard", labelKey: "nav_dashboard", action: .viewEvents),
        NavItem(path: "/reports", labelKey: "nav_reports", action: .exportEvents),
        NavItem(path: "/protection", labelKey: "nav_protection", action: .manageProtection),
        NavItem(path: "/checkin", labelKey: "nav_checkin", action: .checkIn, roles: [.defender]),
        NavItem(path: "/organisations", labelKey: "nav_organisations", action: .viewDirectory),
        NavItem(path: "/meetings", labelKey: "nav_meetings", action: .viewCoordination),
        NavItem(path: "/referrals", labelKey: "nav_referrals", action: .viewCoordination),
        NavItem(path: "/announcements", labelKey: "nav_announcements", action: .viewCoordination),
        NavItem(path: "/service-issues", labelKey: "nav_service_issues", action: .viewCoordination),
        NavItem(path: "/awareness", labelKey: "nav_awareness", action: .viewAwareness),
        NavItem(path: "/standards", labelKey: "nav_standards", action: .viewStandards),
        NavItem(path: "/gazetteer", labelKey: "nav_gazetteer", action: .viewGazetteer),
        NavItem(path: "/audit", labelKey: "nav_audit", action: .viewAuditLog),
        NavItem(path: "/admin/security", labelKey: "nav_security", action: .manageUsers),
        NavItem(path: "/account", labelKey: "nav_account", action: .manageOwnAccount),
    ]

    func render(
        _ template: String, title: String, values: [String: Any], networkName: LocalizedNames,
        request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> HTMLPage {
        let locale = context.locale
        let path = request.uri.path
        var page = values
        page["t"] = localizer.table(for: locale)
        let content = library.render(page, withTemplate: template) ?? ""
        let now = Date()
        // Someone still owing the second factor is not signed in yet: no menu, no account.
        let identity = context.identity.flatMap { $0.secondFactorPending ? nil : $0 }
        let layout: [String: Any] = [
            "lang": locale.tag,
            "dir": locale.direction,
            "title": title,
            "networkName": networkName.name(in: locale),
            "t": page["t"] as Any,
            "content": content,
            "demo": demo,
            "today": DateDisplay.day(now, calendar: context.calendar, locale: locale),
            "todayISO": CalendarDay(now, in: .gregorian).numeric,
            "signedIn": identity?.sessionToken != nil,
            "login": identity?.user.login ?? "",
            "csrf": identity?.csrfToken ?? "",
            "nav": Self.navigation.filter { item in
                identity.map { AccessPolicy.decide($0.subject, item.action).isAllowed && (item.roles?.contains($0.user.role) ?? true) } ?? false
            }.map { item -> [String: Any] in
                let current = item.path == "/" ? path == "/" : path.hasPrefix(item.path)
                return ["href": item.path, "label": localizer.string(item.labelKey, locale), "current": current]
            },
            "languages": AppLocale.allCases.map { option -> [String: Any] in
                ["href": "\(path)?lang=\(option.tag)", "tag": option.tag, "name": option.nativeName, "current": option == locale]
            },
            "calendars": CalendarSystem.allCases.map { option -> [String: Any] in
                let key = option == .gregorian ? "calendar_gregorian" : "calendar_solar_hijri"
                return ["href": "\(path)?cal=\(option.rawValue)", "name": localizer.string(key, locale), "current": option == context.calendar]
            },
        ]
        return HTMLPage(html: library.render(layout, withTemplate: "layout") ?? "", status: status)
    }
}
