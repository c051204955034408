import HamkariCore
import Hummingbird

/// Chooses the reader's language and calendar (see `LocaleNegotiation`) and remembers an explicit
/// `?lang=` or `?cal=` choice in a cookie, so the choice sticks across pages.
struct LocaleMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let languageCookie = "hamkari_lang"
    static let calendarCookie = "hamkari_cal"
    static let oneYear = 365 * 24 * 3600

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let query = request.uri.queryParameters
        let queryLanguage = query["lang"].map(String.init)
        let queryCalendar = query["cal"].map(String.init)
        (context.locale, context.calendar) = Self.choose(for: request, user: nil)
        let locale = context.locale
        let explicitCalendar = queryCalendar.flatMap(CalendarSystem.init(tag:))

        var response = try await next(request, context)
        response.headers[.vary] = "Accept-Language, Cookie"
        if let queryLanguage, AppLocale(tag: queryLanguage) != nil {
            response.setCookie(Self.preference(Self.languageCookie, locale.tag))
        }
        if let explicitCalendar {
            response.setCookie(Self.preference(Self.calendarCookie, explicitCalendar.rawValue))
        }
        return response
    }

    /// Language: an explicit `?lang=`, then the signed-in person's setting, then the cookie, then
    /// `Accept-Language`. Calendar: `?cal=`, then the person's setting, then the cookie, then the language's.
    static func choose(for request: Request, user: UserAccount?) -> (AppLocale, CalendarSystem) {
        let query = request.uri.queryParameters
        let queryLanguage = query["lang"].map(String.init)
        let locale = LocaleNegotiation.choose(
            userSetting: queryLanguage == nil ? user?.locale?.rawValue : nil,
            query: queryLanguage,
            remembered: request.cookies[languageCookie]?.value,
            acceptLanguage: request.headers[.acceptLanguage]
        )
        let calendar = query["cal"].flatMap { CalendarSystem(tag: String($0)) } ?? user?.calendar
            ?? request.cookies[calendarCookie].flatMap { CalendarSystem(tag: $0.value) } ?? locale.defaultCalendar
        return (locale, calendar)
    }

    static func preference(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, maxAge: oneYear, path: "/", httpOnly: true, sameSite: .strict)
    }
}
