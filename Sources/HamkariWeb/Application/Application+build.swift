import Foundation
import HamkariCore
import HamkariStore
import Hummingbird
import Logging

/// Wires the whole web application. The CLI's `serve` and the tests both call it.
public func buildApplication(
    configuration: AppConfiguration, store: Store, logger: Logger
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(store: store, demo: configuration.demo)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "hamkari"),
        logger: logger
    )
}

/// The router with every route and middleware; tests that need no socket use it directly.
public func buildRouter(store: Store, demo: Bool) async throws -> Router<AppRequestContext> {
    _ = prometheusRegistry
    let localizer = try Localizer.loadBundled()
    let renderer = try await PageRenderer.loadBundled(localizer: localizer, demo: demo)
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        AccessLogMiddleware()
        MetricsMiddleware()
        SecurityHeadersMiddleware()
        LocaleMiddleware()
        ErrorMiddleware(renderer: renderer, localizer: localizer, store: store)
    }
    SystemController(store: store).addRoutes(to: router)
    HomeController(store: store, renderer: renderer).addRoutes(to: router)
    OrganisationController(store: store, renderer: renderer, localizer: localizer).addRoutes(to: router)
    GazetteerController(store: store, renderer: renderer).addRoutes(to: router)
    try OpenAPIController().addRoutes(to: router)
    return router
}
