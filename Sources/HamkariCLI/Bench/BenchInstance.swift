import ArgumentParser
import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore

/// Where a benchmark runs: a demonstration instance in a data directory (a new temporary one
/// unless given), on SQLite or on the PostgreSQL database given.
struct BenchOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "A demonstration instance to use (or make); by default a new temporary one, removed afterwards.")
    var dataDirectory: String?

    @Option(name: .customLong("database"), help: "An empty PostgreSQL database (postgres://…) instead of the embedded SQLite one.")
    var databaseURL: String?

    @Option(help: "How many events the instance should hold before the workloads run (made with demo generate's data).")
    var events = 10_000

    @Option(help: "The seed of the invented data.")
    var seed: UInt64 = 1405

    func validate() throws {
        guard (1...2_000_000).contains(events) else { throw ValidationError("--events must be between 1 and 2,000,000.") }
        if let databaseURL, !databaseURL.hasPrefix("postgres") { throw ValidationError("--database takes a postgres:// URL.") }
    }
}

/// A prepared benchmark instance: the events are there, a bench coordinator has a session and a token.
struct BenchInstance {
    let directory: URL
    let removeAfter: Bool
    let storeOptions: StoreOptions
    let options: BenchOptions
    /// Seconds spent storing events that were missing (nil when the instance already had them).
    var generated: (events: Int, acts: Int, seconds: Double)?
    var sessionCookie = ""
    var apiToken = ""
    /// A defender with a check-in arrangement, for the protection workload.
    var defenderToken = ""
    var eventIDs: [String] = []
    /// Makes events like those stored, for the workloads that create more.
    private var maker: DemoEvents?
    var databaseName: String { options.databaseURL == nil ? "SQLite" : "PostgreSQL" }

    var serveArguments: [String] {
        ["--demo", "--data-dir", directory.path] + (options.databaseURL.map { ["--database", $0] } ?? [])
    }

    init(_ options: BenchOptions) throws {
        self.options = options
        if let given = options.dataDirectory {
            directory = URL(fileURLWithPath: given).standardizedFileURL
            removeAfter = false
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-bench-\(UUID().uuidString)")
            removeAfter = true
        }
        storeOptions = try StoreOptions.parse(["--data-dir", directory.path, "--log-level", "error"]
                                              + (options.databaseURL.map { ["--database", $0] } ?? []))
    }

    /// Opens (or makes) the instance, stores the missing events, signs the bench coordinator in; `work` runs on the open store.
    mutating func prepare(progress: (Int, Int) -> Void, _ work: (Store) async throws -> Void) async throws {
        let logger = storeOptions.logger("hamkari.bench")
        let store = KeyDirectory(dataDirectory: directory).exists
            ? try await Instance.open(storeOptions, unlock: .demo, logger: logger)
            : try await Instance.openDemo(storeOptions, logger: logger)
        try await store.closing { store in
            _ = try await DemoSeeder(store: store).seedIfEmpty()
            let existing = try await Self.count("events", store)
            if existing < options.events {
                let filler = DemoFiller(store: store, seed: options.seed)
                let actsBefore = try await Self.count("event_acts", store)
                let clock = ContinuousClock()
                let started = clock.now
                try await filler.fill(range: existing..<options.events, evidence: 0) { progress($0, options.events - existing) }
                generated = (options.events - existing, try await Self.count("event_acts", store) - actsBefore, (clock.now - started).seconds)
            }
            try await signIn(store)
            maker = try await DemoFiller(store: store, seed: options.seed).generator()
            eventIDs = try await visibleEventIDs(store)
            try await work(store)
        }
    }

    /// Records the bench coordinator may open (others' restricted records answer 404, as they should).
    private func visibleEventIDs(_ store: Store) async throws -> [String] {
        guard let user = try await store.users.find(login: "bench.coordinator") else { return [] }
        let subject = AccessPolicy.Subject(id: user.id, organisationID: user.organisationID, role: user.role)
        var ids: [String] = []
        for offset in stride(from: 0, to: 500, by: EventQuery.maximumLimit) {
            ids += try await store.events.search(EventQuery(limit: EventQuery.maximumLimit, offset: offset), visibility: EventVisibility(subject))
                .events.map(\.id.text)
        }
        return ids
    }

    private mutating func signIn(_ store: Store) async throws {
        let login = "bench.coordinator"
        let organisation = try await store.organisations.all()[0].id
        if try await store.users.find(login: login) == nil {
            try await store.users.create(UserAccount(organisationID: organisation, login: login, role: .coordinator), passwordHash: nil,
                                         actor: AuditEvent.commandLineActor)
        }
        guard let user = try await store.users.find(login: login) else { throw CommandFailure("The bench account could not be made.") }
        sessionCookie = "hamkari_session=" + (try await store.sessions.create(for: user.id, secondFactorPending: false)).value
        apiToken = try await Self.token(for: user.id, store)
        let defenderLogin = "bench.defender"
        if try await store.users.find(login: defenderLogin) == nil {
            try await store.users.create(UserAccount(organisationID: organisation, login: defenderLogin, role: .defender), passwordHash: nil,
                                         actor: AuditEvent.commandLineActor)
            guard let account = try await store.users.find(login: defenderLogin) else { throw CommandFailure("The bench defender could not be made.") }
            let profile = DefenderProfile(accountID: account.id, identity: DefenderIdentity(name: "Bench Defender", knownAs: "Bench"))
            try await store.defenders.create(profile, actor: AuditEvent.commandLineActor)
            try await store.defenders.setPlan(CheckInPlan(defenderID: profile.id, interval: .seconds(12 * 3600), grace: .seconds(3600),
                                                          lastCheckIn: Date()), actor: AuditEvent.commandLineActor)
        }
        guard let defender = try await store.users.find(login: defenderLogin) else { throw CommandFailure("The bench defender is missing.") }
        defenderToken = try await Self.token(for: defender.id, store)
    }

    private static func token(for user: UUID, _ store: Store) async throws -> String {
        try await store.apiTokens.create(for: user, expiresAt: Date().addingTimeInterval(86400), actor: AuditEvent.commandLineActor).token.value
    }

    func newEvents(count: Int, seed: UInt64) throws -> [Event] {
        guard let maker else { throw CommandFailure("The bench instance is not prepared.") }
        return maker.events(count: count, seed: seed)
    }

    static func count(_ table: String, _ store: Store) async throws -> Int {
        try await store.backend.read { database in
            try await database.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    func cleanUp() {
        if removeAfter { try? FileManager.default.removeItem(at: directory) }
    }
}
