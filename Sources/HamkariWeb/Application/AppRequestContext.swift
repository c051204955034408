import HamkariCore
import Hummingbird

/// Per-request state: the reader's language and calendar, chosen by `LocaleMiddleware`.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var locale: AppLocale = .fallback
    public var calendar: CalendarSystem = AppLocale.fallback.defaultCalendar

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// JSON request bodies are small; evidence uploads will have their own streaming route.
    public var maxUploadSize: Int { 1 << 20 }
}
