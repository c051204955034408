import ArgumentParser
import AsyncHTTPClient
import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Hamkari: workloads against a real server on 127.0.0.1 and the store, beside plain SQLite.",
        subcommands: [BenchRunCommand.self, DurabilityCommand.self, LoadCommand.self],
        defaultSubcommand: BenchRunCommand.self)
}

/// The workloads of docs/performance.md, each as throughput and latency percentiles, with plain
/// SQLite doing the same writes and queries in the same run as the yardstick.
struct BenchRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Create, import, search, list, open and count events; report throughput, p50/p95/p99, memory and page sizes.",
        discussion: "Only ever against 127.0.0.1. Writes a readable table, and JSON with --json FILE.")

    @OptionGroup var options: BenchOptions

    @Option(help: "Concurrent clients for the server workloads.")
    var concurrency = 4

    @Option(help: "Requests in each server workload.")
    var requests = 400

    @Option(name: .customLong("import-events"), help: "Events in the bulk CSV import.")
    var importEvents = 2000

    @Option(help: "Also write the results here as JSON.")
    var json: String?

    @Option(name: .customLong("only"), parsing: .upToNextOption,
            help: "Run only these workloads (e.g. page.list api.search_word; raw is the plain-SQLite baseline).")
    var onlyWorkloads: [String] = []

    func validate() throws {
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256.") }
        guard (1...1_000_000).contains(requests) else { throw ValidationError("--requests must be between 1 and 1,000,000.") }
        guard (1...1_000_000).contains(importEvents) else { throw ValidationError("--import-events must be between 1 and 1,000,000.") }
        let known = StoreWorkloads.names + ServerWorkloads.names
        if let unknown = onlyWorkloads.first(where: { !known.contains($0) }) {
            throw ValidationError("--only: there is no workload \(unknown); the workloads are \(known.joined(separator: ", ")).")
        }
    }

    func run() async throws {
        var instance = try BenchInstance(options)
        defer { instance.cleanUp() }
        var report = BenchReport(instance: instance, concurrency: concurrency)
        var store = StoreWorkloads(options: options, importEvents: importEvents, only: Set(onlyWorkloads))
        Console.say("Preparing \(options.events) events in \(instance.directory.path)…")
        try await instance.prepare(progress: { ProgressBar.show($0, $1) }) { opened in
            ProgressBar.finish()
            try await store.run(on: opened)
        }
        if let generated = instance.generated {
            report.workloads.append(WorkloadResult(name: "store.generate", unit: "events", count: generated.events, seconds: generated.seconds,
                                                   note: "\(generated.acts) acts; the bulk path of demo generate"))
        }
        report.workloads += store.results
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(5))))
        do {
            let server = try await ChildServer.start(serveArguments: instance.serveArguments, client: client)
            defer { server.stop() }
            try await Task.sleep(for: .seconds(2))
            report.serverIdleResidentBytes = server.memory().resident
            let workloads = ServerWorkloads(driver: LoadDriver(client: client, baseURL: server.baseURL), instance: instance,
                                            concurrency: concurrency, requests: requests, seed: options.seed,
                                            only: Set(onlyWorkloads), serverCPU: { [pid = server.pid] in ChildServer.cpuSeconds(pid: pid) })
            report.workloads += try await workloads.run()
            report.recordEnd(of: server)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        store.compare(&report.workloads)
        Console.say(report.table())
        if let json { try report.write(json: json) }
        if report.workloads.contains(where: { $0.errors > 0 }) { throw CommandFailure("Some requests failed; see the notes above.") }
    }
}

/// Debug or release: numbers from a debug build are several times slower and say so.
enum BenchBuild {
    static var description: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }
}
