import Foundation
import HamkariCore
import SQLKit

/// Counts failed sign-ins per key ("account:…" or "address:…") and locks a key for a while, as
/// `LoginThrottle` says. The key of an account is its blind index, never its login.
public struct ThrottleRepository: Sendable {
    let backend: any DatabaseBackend

    /// Seconds the key stays locked (0 when it may try now).
    public func lockedSeconds(_ key: String, now: Date = Date()) async throws -> Int64 {
        let time = Int64(now.timeIntervalSince1970)
        return try await backend.read { database in
            let until = try await database.select().column("locked_until").from("login_throttle")
                .where("throttle_key", .equal, key).first()?.decode(column: "locked_until", as: Int64.self) ?? 0
            return max(0, until - time)
        }
    }

    /// Records a failure; returns the new number of failures in a row.
    @discardableResult
    public func recordFailure(_ key: String, now: Date = Date()) async throws -> Int {
        let time = Int64(now.timeIntervalSince1970)
        return try await backend.transaction { database in
            let failures = (try await database.select().column("failures").from("login_throttle")
                .where("throttle_key", .equal, key).first()?.decode(column: "failures", as: Int.self) ?? 0) + 1
            let lockedUntil = time + LoginThrottle.lockSeconds(afterFailures: failures)
            try await database.raw("""
                INSERT INTO login_throttle (throttle_key, failures, locked_until, updated_at)
                VALUES (\(bind: key), \(bind: failures), \(bind: lockedUntil), \(bind: time))
                ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures,
                    locked_until = excluded.locked_until, updated_at = excluded.updated_at
                """).run()
            return failures
        }
    }

    public func reset(_ key: String) async throws {
        try await backend.transaction { database in
            try await database.delete(from: "login_throttle").where("throttle_key", .equal, key).run()
        }
    }
}
