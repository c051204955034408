import HamkariSecurity
import NIOPosix

/// Checks passwords with scrypt off the request threads, at most two at a time (each hash takes
/// 128 MiB), and takes as long for an unknown account as for a wrong password: an unknown login is
/// checked against a stand-in hash, so neither the answer nor its timing tells whether it exists.
actor PasswordVerifier {
    /// scrypt gets threads of its own: on the shared pool it would hold up SQLite's queries.
    static let threads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: maximumConcurrent)
        pool.start()
        return pool
    }()

    static let maximumConcurrent = 2

    private let standIn: PasswordHash
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parameters: PasswordHash.Parameters = .interactive) throws {
        self.standIn = try PasswordHash.make(password: SecureRandom.readableSecret(), parameters: parameters)
    }

    /// True when `password` matches `storedHash`; false for a wrong password, no hash or a malformed one.
    func verify(_ password: String, against storedHash: String?) async -> Bool {
        let hash = storedHash.flatMap { try? PasswordHash(encoded: $0) }
        let target = hash ?? standIn
        await acquire()
        let matches = (try? await Self.threads.runIfActive { try target.verify(password: password) }) ?? false
        release()
        return hash != nil && matches
    }

    /// Hashes a new password under the same limit.
    func hash(_ password: String) async throws -> String {
        await acquire()
        defer { release() }
        return try await Self.threads.runIfActive { try PasswordHash.make(password: password).encoded }
    }

    private func acquire() async {
        if running < Self.maximumConcurrent {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
