import Foundation
import HamkariCore
import HamkariStore
import TestSupport
import Testing

@Suite("Sessions and throttling")
struct SessionTests {
    static func user(in store: Store) async throws -> UUID {
        let organisation = Organisation(names: LocalizedNames(english: "Org"), kind: .ngo)
        try await store.organisations.create(organisation)
        let user = UserAccount(organisationID: organisation.id, login: "session.user", role: .analyst)
        try await store.users.create(user, passwordHash: nil, actor: "test")
        return user.id
    }

    @Test("Sessions end after 30 idle minutes or 12 hours, and only their hash is stored", arguments: TestDatabase.all)
    func timeouts(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let userID = try await Self.user(in: store)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let token = try await store.sessions.create(for: userID, secondFactorPending: false, now: start)
            #expect(token.value.count >= 43, "256 random bits")
            let stored = try await store.backend.read { db async throws in
                try await db.raw("SELECT token_hash FROM sessions").first()?.decode(column: "token_hash", as: String.self)
            }
            #expect(stored == token.storageHash && stored != token.value)
            var now = start
            for _ in 0..<28 {
                now += 25 * 60
                #expect(try await store.sessions.find(token: token.value, now: now) != nil, "kept alive by use")
            }
            #expect(try await store.sessions.find(token: token.value, now: start + 12 * 3600 + 1) == nil, "absolute timeout")
            let idle = try await store.sessions.create(for: userID, secondFactorPending: false, now: start)
            #expect(try await store.sessions.find(token: idle.value, now: start + 31 * 60) == nil, "idle timeout")
            #expect(try await store.sessions.count(for: userID) == 0, "expired sessions are removed")
            #expect(try await store.sessions.find(token: "made-up") == nil)
        }
    }

    @Test("A session read with its account: the same checks, in one statement", arguments: TestDatabase.all)
    func withAccount(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let userID = try await Self.user(in: store)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let token = try await store.sessions.create(for: userID, secondFactorPending: true, now: start)
            let found = try #require(try await store.users.find(session: token.value, in: store.sessions, now: start + 60))
            #expect(found.account.id == userID && found.account.login == "session.user" && found.account.role == .analyst)
            #expect(found.session.userID == userID && found.session.secondFactorPending && !found.session.csrfToken.isEmpty)
            #expect(try await store.users.find(session: token.value, in: store.sessions, now: start + 31 * 60 + 61) == nil, "idle timeout")
            #expect(try await store.sessions.count(for: userID) == 0, "the expired session is removed")
            #expect(try await store.users.find(session: "made-up", in: store.sessions) == nil)
        }
    }

    @Test("Failures lock a key with growing waits; success resets it", arguments: TestDatabase.all)
    func throttle(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            for failure in 1...7 {
                #expect(try await store.throttle.recordFailure("account:x", now: now) == failure)
            }
            #expect(try await store.throttle.lockedSeconds("account:x", now: now) == 120)
            #expect(try await store.throttle.lockedSeconds("account:x", now: now + 121) == 0)
            #expect(try await store.throttle.lockedSeconds("account:y", now: now) == 0)
            try await store.throttle.reset("account:x")
            #expect(try await store.throttle.lockedSeconds("account:x", now: now) == 0)
        }
    }
}
