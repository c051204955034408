import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A running test application's store, and signed-in credentials to call it with.
public struct TestSession: Sendable {
    public static let sessionCookie = "hamkari_session"

    public let store: Store
    /// A session cookie of the demo network's coordinator, for pages.
    public let pages: HTTPFields
    /// A bearer token of the same coordinator, for the API.
    public let api: HTTPFields
    /// The session's form token, for POSTs.
    public let csrf: String
    /// The coordinator's login and password, for tests of signing in.
    public let coordinatorLogin: String
    public let coordinatorPassword: String

    public func pages(adding extra: HTTPFields) -> HTTPFields { Self.merge(pages, extra) }
    public func api(adding extra: HTTPFields) -> HTTPFields { Self.merge(api, extra) }

    /// `base` with `extra` added; cookies are joined into one Cookie header.
    public static func merge(_ base: HTTPFields, _ extra: HTTPFields) -> HTTPFields {
        var headers = base
        for field in extra {
            if field.name == .cookie, let existing = headers[.cookie] {
                headers[.cookie] = existing + "; " + field.value
            } else {
                headers.append(field)
            }
        }
        return headers
    }

    /// A new account of `role` in the first member organisation, with a page session and an API token.
    public func signIn(
        as role: Role, status: UserAccount.Status = .active, organisation index: Int = 0
    ) async throws -> (pages: HTTPFields, api: HTTPFields, csrf: String, user: UserAccount) {
        let organisation = try await store.organisations.all()[index]
        let user = UserAccount(organisationID: organisation.id, login: "\(role.rawValue.replacingOccurrences(of: "_", with: "."))-\(UUID().uuidString.prefix(6).lowercased())",
                               role: role, status: status)
        try await store.users.create(user, passwordHash: nil, actor: "test")
        let credentials = try await Self.credentials(for: user.id, store: store)
        return (credentials.pages, credentials.api, credentials.csrf, user)
    }

    /// The position, in `store.organisations.all()`, of the demonstration member whose English name starts so
    /// (the list is in name order, so a test names the member whose work it needs).
    public func organisation(named prefix: String) async throws -> Int {
        try #require(try await store.organisations.all().firstIndex { $0.names.english.hasPrefix(prefix) })
    }

    static func credentials(for userID: UUID, store: Store) async throws -> (pages: HTTPFields, api: HTTPFields, csrf: String) {
        let token = try await store.sessions.create(for: userID, secondFactorPending: false)
        let csrf = try await store.sessions.find(token: token.value)?.csrfToken ?? ""
        let apiToken = try await store.apiTokens.create(for: userID, expiresAt: nil, actor: "test").token
        return ([.cookie: "\(sessionCookie)=\(token.value)"], [.authorization: "Bearer \(apiToken.value)"], csrf)
    }
}

/// Runs `work` against the real application on a new store of the given kind, seeded with the
/// demonstration network, signed in as its coordinator. `.router` skips the socket; `.live` serves HTTP.
public func withTestApplication<T: Sendable>(
    _ database: TestDatabase,
    demo: Bool = false,
    testing: TestingSetup = .router,
    clock: @escaping @Sendable () -> Date = { Date() },
    channels: MessageChannels = MessageChannels(),
    configure: @Sendable (inout AppConfiguration) -> Void = { _ in },
    _ work: @escaping @Sendable (any TestClientProtocol, TestSession) async throws -> T
) async throws -> T {
    try await database.withStore { store in
        let credentials = try #require(try await store.seedDemoForTests())
        let coordinator = try #require(try await store.users.find(login: credentials.login))
        let signedIn = try await TestSession.credentials(for: coordinator.id, store: store)
        let session = TestSession(store: store, pages: signedIn.pages, api: signedIn.api, csrf: signedIn.csrf,
                                  coordinatorLogin: credentials.login, coordinatorPassword: credentials.password)
        var configuration = AppConfiguration(port: 0, database: store.backend.location, demo: demo, passwordParameters: testPasswordParameters,
                                             clock: clock)
        configuration.channels = channels
        // The tests drive escalation rounds themselves.
        configuration.escalationInterval = .seconds(3600)
        configure(&configuration)
        let app = try await buildApplication(configuration: configuration, store: store, logger: TestDatabase.logger)
        return try await app.test(testing) { client in try await work(client, session) }
    }
}

extension ByteBuffer {
    public var text: String { String(buffer: self) }
}

import Testing
