import Foundation
import HamkariCore
import HamkariStore
import Hummingbird
import Logging
import ServiceLifecycle

/// Wires the whole web application. The CLI's `serve` and the tests both call it.
public func buildApplication(
    configuration: AppConfiguration, store: Store, logger: Logger
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(store: store, configuration: configuration).router
    var services: [any Service] = [AuditCheckpointService(store: store, interval: configuration.auditCheckpointInterval, logger: logger)]
    services.append(EscalationService(store: store, channels: configuration.channels, interval: configuration.escalationInterval, logger: logger))
    services.append(DigestService(store: store, channels: configuration.channels, interval: configuration.digestCheckInterval, logger: logger))
    if let envelope = configuration.keyEnvelope {
        services.append(KeyWatchService(envelope: envelope, interval: .seconds(2), logger: logger, stop: configuration.afterShred))
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "hamkari"),
        services: services,
        logger: logger
    )
}

/// Every route, with what it requires of the caller: the access policy's decision or nothing.
public struct RouteTable: Sendable {
    public struct Route: Sendable, Hashable {
        public let method: String
        public let path: String
        /// The policy action the route asks for, or nil for an open route.
        public let action: AccessPolicy.Action?
    }

    public let routes: [Route]
}

/// The router with every route and middleware, and the table of what each route requires.
public func buildRouter(
    store: Store, configuration: AppConfiguration
) async throws -> (router: Router<AppRequestContext>, table: RouteTable) {
    _ = prometheusRegistry
    let localizer = try Localizer.loadBundled()
    let renderer = try await PageRenderer.loadBundled(localizer: localizer, demo: configuration.demo)
    let verifier = try PasswordVerifier(parameters: configuration.passwordParameters)
    let sessionCookie = SessionCookie(secure: configuration.secureCookies)
    let loginCookie = LoginFormCookie(secure: configuration.secureCookies)
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        AccessLogMiddleware()
        MetricsMiddleware()
        SecurityHeadersMiddleware(strictTransport: configuration.secureCookies)
        LocaleMiddleware()
        ErrorMiddleware(renderer: renderer, localizer: localizer, store: store)
        AuthenticationMiddleware(store: store, cookie: sessionCookie)
        CSRFMiddleware(loginCookie: loginCookie)
    }
    let guarded = GuardedRouter(router: router, store: store)
    SystemController(store: store).addRoutes(to: guarded)
    AuthController(store: store, renderer: renderer, verifier: verifier, sessionCookie: sessionCookie, loginCookie: loginCookie,
                   clock: configuration.clock, clientAddress: ClientAddress(trustedProxies: configuration.trustedProxies),
                   channels: configuration.channels)
        .addRoutes(to: guarded)
    AccountController(store: store, renderer: renderer, verifier: verifier, sessionCookie: sessionCookie, clock: configuration.clock)
        .addRoutes(to: guarded)
    SecuritySettingsController(store: store, renderer: renderer).addRoutes(to: guarded)
    AuditController(store: store, renderer: renderer).addRoutes(to: guarded)
    HomeController(store: store, renderer: renderer).addRoutes(to: guarded)
    DirectoryPagesController(store: store, renderer: renderer).addRoutes(to: guarded)
    DirectoryAPIController(store: store).addRoutes(to: guarded)
    MeetingPagesController(store: store, renderer: renderer).addRoutes(to: guarded)
    MeetingAPIController(store: store).addRoutes(to: guarded)
    ReferralController(store: store, renderer: renderer).addRoutes(to: guarded)
    AnnouncementController(store: store, renderer: renderer, channels: configuration.channels).addRoutes(to: guarded)
    ServiceIssueController(store: store, renderer: renderer).addRoutes(to: guarded)
    GazetteerController(store: store, renderer: renderer).addRoutes(to: guarded)
    EventAPIController(store: store).addRoutes(to: guarded)
    let dashboard = DashboardController(store: store, renderer: renderer, threshold: configuration.disclosureThreshold)
    dashboard.addRoutes(to: guarded)
    DashboardMapController(dashboard: dashboard).addRoutes(to: guarded)
    let reports = ReportBuilder(store: store, library: renderer.library, localizer: localizer, threshold: configuration.disclosureThreshold)
    ReportController(builder: reports, renderer: renderer).addRoutes(to: guarded)
    CommunicationController(maker: CommunicationMaker(store: store, localizer: localizer, library: renderer.library)).addRoutes(to: guarded)
    EventTransferController(store: store, renderer: renderer).addRoutes(to: guarded)
    VocabularyController(store: store, renderer: renderer).addRoutes(to: guarded)
    StandardsController(store: store, renderer: renderer).addRoutes(to: guarded)
    ProtectionController(store: store, renderer: renderer, channels: configuration.channels).addRoutes(to: guarded)
    ProtectionCasesController(store: store, renderer: renderer).addRoutes(to: guarded)
    ProtectionAPIController(store: store).addRoutes(to: guarded)
    ColleagueController(store: store, renderer: renderer, channels: configuration.channels).addRoutes(to: guarded)
    EmergencyShredController(store: store, renderer: renderer, keyEnvelope: configuration.keyEnvelope, afterShred: configuration.afterShred)
        .addRoutes(to: guarded)
    EvidenceController(store: store, sizeLimit: configuration.evidenceSizeLimit).addRoutes(to: guarded)
    EventPagesController(store: store, renderer: renderer).addRoutes(to: guarded)
    try OpenAPIController().addRoutes(to: guarded)
    let table = RouteTable(routes: guarded.routes)
    return (router, table)
}
