import Foundation
import HamkariCore
import HamkariWeb
import NIOHTTP1

/// The workloads sent to the running server, as a client on 127.0.0.1 would.
struct ServerWorkloads {
    let driver: LoadDriver
    let instance: BenchInstance
    let concurrency: Int
    let requests: Int
    let seed: UInt64
    /// Names of the workloads to run; empty runs them all.
    let only: Set<String>
    /// The server's processor time so far, in seconds.
    let serverCPU: @Sendable () -> Double

    static let names = ["api.create_event", "api.search_word", "api.search_facets", "page.list", "page.record", "api.statistics", "api.dashboard",
                        "page.dashboard", "api.report", "api.checkin"]

    /// The workloads that count events from the facts in memory (the first of them would read them all).
    static let countedFromFacts: Set = ["api.statistics", "api.dashboard", "page.dashboard", "api.report"]

    func run() async throws -> [WorkloadResult] {
        let api = [("Authorization", "Bearer \(instance.apiToken)")]
        let page = [("Cookie", instance.sessionCookie)]
        let defender = [("Authorization", "Bearer \(instance.defenderToken)")]
        let bodies = try instance.newEvents(count: requests, seed: seed &+ 2).map(EventJSON.creationBody)
        let ids = instance.eventIDs
        let words = BenchWords.search.map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0 }
        let provinces = ["AF17", "AF18", "AF09", "AF15"]
        let acts = ["arbitrary_detention", "threat", "injury", "denial_of_education"]
        let facets = ["province", "act_type", "perpetrator_type", "status", "district"]
        let plan: [(String, String, @Sendable (Int) -> BenchRequest)] = [
            ("api.create_event", "events", { BenchRequest(method: .POST, path: "/api/v1/events", headers: api + [("Content-Type", "application/json")],
                                                          body: bodies[$0]) }),
            ("api.search_word", "requests", { BenchRequest(path: "/api/v1/events?q=\(words[$0 % words.count])", headers: api) }),
            ("api.search_facets", "requests", {
                BenchRequest(path: "/api/v1/events?province=\(provinces[$0 % 4])&actType=\(acts[($0 / 4) % 4])&status=draft", headers: api)
            }),
            ("page.list", "requests", { BenchRequest(path: "/events?offset=\(($0 % 20) * 50)", headers: page) }),
            ("page.record", "requests", { BenchRequest(path: "/events/\(ids[$0 % max(ids.count, 1)])", headers: page) }),
            ("api.statistics", "requests", { BenchRequest(path: "/api/v1/events/counts?by=\(facets[$0 % facets.count])", headers: api) }),
            ("api.dashboard", "requests", { BenchRequest(path: "/api/v1/dashboard?province=\(provinces[$0 % 4])", headers: api) }),
            ("page.dashboard", "requests", { _ in BenchRequest(path: "/dashboard?statuses=all", headers: page) }),
            ("api.report", "requests", { BenchRequest(path: "/api/v1/reports?kind=\(["general", "upr"][$0 % 2])&province=\(provinces[$0 % 4])", headers: api) }),
            ("api.checkin", "requests", { _ in BenchRequest(method: .POST, path: "/api/v1/checkin", headers: defender) }),
        ]
        var results: [WorkloadResult] = []
        assert(plan.map(\.0) == Self.names, "the names list the plan")
        if only.isEmpty || !only.isDisjoint(with: Self.countedFromFacts) {
            // The first dashboard after a start reads every event's facts into memory: measured on its own.
            Console.say("  api.dashboard_first…")
            let sample = await driver.run(count: 1, concurrency: 1) { _ in BenchRequest(path: "/api/v1/dashboard", headers: api) }
            results.append(WorkloadResult(name: "api.dashboard_first", unit: "requests", sample: sample))
        }
        for (name, unit, make) in plan where only.isEmpty || only.contains(name) {
            Console.say("  \(name)…")
            let before = serverCPU()
            let sample = await driver.run(count: requests, concurrency: concurrency, make)
            var result = WorkloadResult(name: name, unit: unit, sample: sample)
            result.serverCPUMilliseconds = (serverCPU() - before) * 1000 / Double(max(1, requests))
            results.append(result)
        }
        return results
    }
}
