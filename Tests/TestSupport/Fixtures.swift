import HamkariCore
import HamkariSecurity
import HamkariStore

/// Cheap scrypt parameters for tests that only need *a* hash; production uses `.interactive`.
public let testPasswordParameters = PasswordHash.Parameters(logN: 10, blockSize: 8, parallelism: 1)

extension Store {
    /// Seeds the demonstration network quickly (cheap password hashing) and returns its credentials.
    @discardableResult
    public func seedDemoForTests() async throws -> DemoSeeder.Credentials? {
        try await DemoSeeder(store: self, passwordParameters: testPasswordParameters).seedIfEmpty()
    }
}
