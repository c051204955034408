import Foundation
import HamkariCore
import HamkariStore

/// The workloads that run on the store itself: the bulk CSV import, and plain SQLite doing the
/// same writes and queries (the raw limit every other workload is compared with).
struct StoreWorkloads {
    let options: BenchOptions
    let importEvents: Int
    /// Workload names asked for (`--only`); empty runs them all. `raw` names the plain-SQLite baseline.
    let only: Set<String>
    static let rawRounds = 200
    static let names = ["import.csv", "raw"]
    private(set) var results: [WorkloadResult] = []
    private var raw: RawSQLiteBaseline.Result?

    init(options: BenchOptions, importEvents: Int, only: Set<String> = []) {
        self.options = options
        self.importEvents = importEvents
        self.only = only
    }

    mutating func run(on store: Store) async throws {
        let generator = try await DemoFiller(store: store, seed: options.seed).generator()
        if only.isEmpty || only.contains("import.csv") { try await runImport(on: store, generator) }
        if only.isEmpty || only.contains("raw") { try await runRaw(generator) }
    }

    private mutating func runImport(on store: Store, _ generator: DemoEvents) async throws {
        let clock = ContinuousClock()
        // A key per event, so that its acts' rows come together again as one event.
        let imported = generator.events(in: 0..<importEvents, seed: options.seed &+ 1).enumerated().map { index, event in
            var keyed = event
            keyed.reference = "BENCH-\(index)"
            return keyed
        }
        let csv = EventCSVExport.csv(imported, identities: true, preciseLocation: true)
        guard let author = try await store.users.find(login: "bench.coordinator") else { throw CommandFailure("The bench account is missing.") }
        let started = clock.now
        let cpuBefore = ChildServer.cpuSeconds(pid: getpid())
        let report = try await store.importEvents(csv: csv, organisationID: author.organisationID, authorID: author.id,
                                                  actor: AuditEvent.commandLineActor, source: "bench", dryRun: false)
        guard report.committed else {
            throw CommandFailure("The benchmark's own CSV did not import: \(report.errors.first.map { "\($0)" } ?? "no reason given").")
        }
        var result = WorkloadResult(name: "import.csv", unit: "acts", count: report.acts, seconds: (clock.now - started).seconds,
                                    note: "\(report.events) events from \(csv.utf8.count >> 10) KiB of CSV: parse, check, seal, index, audit")
        // Steadier than the rate on a shared machine: the cores' time per act, whoever else runs.
        result.serverCPUMilliseconds = (ChildServer.cpuSeconds(pid: getpid()) - cpuBefore) * 1000 / Double(max(1, report.acts))
        results.append(result)
    }

    private mutating func runRaw(_ generator: DemoEvents) async throws {

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-bench-raw-\(UUID().uuidString).sqlite").path
        let seed = options.seed
        let raw = try await RawSQLiteBaseline().run(count: options.events, slice: { generator.events(in: $0, seed: seed) }, path: path,
                                                    searchWords: BenchWords.search, rounds: Self.rawRounds)
        self.raw = raw
        results.append(WorkloadResult(name: "raw.insert", unit: "events", count: raw.events, seconds: raw.insertSeconds,
                                      note: "\(raw.acts) acts (\(Int(Double(raw.acts) / raw.insertSeconds)) acts/s); plain SQLite, plaintext, one transaction"))
        results.append(WorkloadResult(name: "raw.search_word", unit: "queries", count: Self.rawRounds,
                                      seconds: raw.searchLatencies.reduce(.zero, +).seconds, latencies: raw.searchLatencies))
        results.append(WorkloadResult(name: "raw.list", unit: "queries", count: Self.rawRounds,
                                      seconds: raw.listLatencies.reduce(.zero, +).seconds, latencies: raw.listLatencies))
    }

    /// Fills in each workload's share of the raw limit: throughput ÷ raw throughput, or raw p95 ÷ p95 for queries.
    func compare(_ workloads: inout [WorkloadResult]) {
        guard let raw, raw.insertSeconds > 0 else { return }
        let rawEvents = Double(raw.events) / raw.insertSeconds
        let rawActs = Double(raw.acts) / raw.insertSeconds
        let rawSearch = WorkloadResult.percentile(raw.searchLatencies.map { $0.seconds * 1000 }.sorted(), 0.95)
        let rawList = WorkloadResult.percentile(raw.listLatencies.map { $0.seconds * 1000 }.sorted(), 0.95)
        for index in workloads.indices {
            let workload = workloads[index]
            switch workload.name {
            case "store.generate", "api.create_event": workloads[index].ratioToRawSQLite = workload.perSecond / rawEvents
            case "import.csv": workloads[index].ratioToRawSQLite = workload.perSecond / rawActs
            case "api.search_word": workloads[index].ratioToRawSQLite = share(rawSearch, workload.p95Milliseconds)
            case "page.list": workloads[index].ratioToRawSQLite = share(rawList, workload.p95Milliseconds)
            default: break
            }
        }
    }

    private func share(_ raw: Double?, _ measured: Double?) -> Double? {
        guard let raw, let measured, measured > 0 else { return nil }
        return raw / measured
    }
}

/// Words searched for: common in the invented narratives, in Dari, Pashto and English.
enum BenchWords {
    static let search = ["school", "بازداشت", "teacher", "ښوونځی", "journalist", "مکتب", "village", "کلی"]
}
