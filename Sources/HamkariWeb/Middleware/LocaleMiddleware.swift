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
        let locale = LocaleNegotiation.choose(
            query: queryLanguage,
            remembered: request.cookies[Self.languageCookie]?.value,
            acceptLanguage: request.headers[.acceptLanguage]
        )
        context.locale = locale
        let explicitCalendar = queryCalendar.flatMap(CalendarSystem.init(tag:))
        let rememberedCalendar = request.cookies[Self.calendarCookie].flatMap { CalendarSystem(tag: $0.value) }
        context.calendar = explicitCalendar ?? rememberedCalendar ?? locale.defaultCalendar

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

    static func preference(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, maxAge: oneYear, path: "/", httpOnly: true, sameSite: .strict)
    }
}
