import ArgumentParser
import AsyncHTTPClient
import Foundation
import HamkariCore
import HamkariWeb

/// Signed-in users browsing lists, searching, opening records and saving, for a fixed time,
/// against a server on 127.0.0.1 only; every answer must be a success.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "A bounded load test on 127.0.0.1: users browse, search, open and save; reports requests/s, latency and errors.",
        discussion: "Fails when any request fails.")

    @OptionGroup var options: BenchOptions

    @Option(help: "Concurrent signed-in users.")
    var users = 8

    @Option(help: "How long, in seconds.")
    var seconds = 20

    @Option(help: "Also write the results here as JSON.")
    var json: String?

    func validate() throws {
        guard (1...256).contains(users) else { throw ValidationError("--users must be between 1 and 256.") }
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 3,600.") }
    }

    func run() async throws {
        var instance = try BenchInstance(options)
        defer { instance.cleanUp() }
        Console.say("Preparing \(options.events) events…")
        try await instance.prepare(progress: { ProgressBar.show($0, $1) }) { _ in ProgressBar.finish() }
        let bodies = try instance.newEvents(count: 200, seed: options.seed &+ 4).map(EventJSON.creationBody)
        let ids = instance.eventIDs
        let page = [("Cookie", instance.sessionCookie)]
        let api = [("Authorization", "Bearer \(instance.apiToken)")]
        let words = BenchWords.search.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0 }
        // One visit: the list, a search, a record, the next page, a save.
        let visit: @Sendable (Int, Int) -> BenchRequest = { user, step in
            let turn = user * 7919 + step
            switch step % 5 {
            case 0: return BenchRequest(path: "/events", headers: page)
            case 1: return BenchRequest(path: "/events?q=\(words[turn % words.count])", headers: page)
            case 2: return BenchRequest(path: "/events/\(ids[turn % max(ids.count, 1)])", headers: page)
            case 3: return BenchRequest(path: "/events?offset=\((turn % 10) * 50)", headers: page)
            default: return BenchRequest(method: .POST, path: "/api/v1/events", headers: api + [("Content-Type", "application/json")],
                                         body: bodies[turn % bodies.count])
            }
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(5))))
        var report = BenchReport(instance: instance, concurrency: users)
        do {
            let server = try await ChildServer.start(serveArguments: instance.serveArguments, client: client)
            defer { server.stop() }
            report.serverIdleResidentBytes = server.memory().resident
            let sample = await LoadDriver(client: client, baseURL: server.baseURL).run(for: .seconds(seconds), concurrency: users, visit)
            report.recordEnd(of: server)
            report.workloads.append(WorkloadResult(name: "load.mixed", unit: "requests", sample: sample))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        Console.say(report.table())
        if let json { try report.write(json: json) }
        if report.workloads.contains(where: { $0.errors > 0 }) { throw CommandFailure("Some requests failed under load; see the notes above.") }
    }
}
