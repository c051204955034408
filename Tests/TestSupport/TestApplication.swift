import Foundation
import HamkariStore
import HamkariWeb
import Hummingbird
import HummingbirdTesting

/// Runs `work` against the real application on a new store of the given kind, seeded with the
/// demonstration network unless `seed` is false. `.router` skips the socket; `.live` serves HTTP.
public func withTestApplication<T: Sendable>(
    _ database: TestDatabase,
    seed: Bool = true,
    demo: Bool = false,
    testing: TestingSetup = .router,
    _ work: @escaping @Sendable (any TestClientProtocol, Store) async throws -> T
) async throws -> T {
    try await database.withStore { store in
        if seed { try await store.seedDemoForTests() }
        let configuration = AppConfiguration(port: 0, database: store.backend.location, demo: demo)
        let app = try await buildApplication(configuration: configuration, store: store, logger: TestDatabase.logger)
        return try await app.test(testing) { client in try await work(client, store) }
    }
}

extension ByteBuffer {
    public var text: String { String(buffer: self) }
}
