import Foundation
import TestSupport
import Testing

/// The measurements run end to end as an operator runs them: the `hamkari` executable starts its
/// own server on 127.0.0.1. Numbers are not asserted (that is for docs/performance.md); what is
/// asserted is that every workload ran, nothing failed, and nothing acknowledged was lost.
@Suite("Command line: bench, durability, load", .serialized)
struct BenchCommandTests {
    @Test("bench runs every workload with no errors and writes its JSON", arguments: TestDatabase.all)
    func workloads(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            let json = instance.dataDirectory.deletingLastPathComponent().appendingPathComponent("bench-\(UUID().uuidString).json")
            let result = try await HamkariExecutable.locate().run(["bench", "--events", "40", "--requests", "6", "--import-events", "10",
                                                             "--concurrency", "2", "--json", json.path] + instance.target)
            #expect(result.status == 0, "\(result.output)\(result.errors)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
            let workloads = try #require(report["workloads"] as? [[String: Any]])
            let names = workloads.compactMap { $0["name"] as? String }
            #expect(names == ["store.generate", "import.csv", "raw.insert", "raw.search_word", "raw.list", "api.dashboard_first", "api.create_event",
                              "api.search_word", "api.search_facets", "page.list", "page.record", "api.statistics", "api.dashboard", "page.dashboard", "api.report", "api.checkin"])
            #expect(workloads.allSatisfy { ($0["errors"] as? Int) == 0 })
            #expect(workloads.first { $0["name"] as? String == "api.create_event" }?["count"] as? Int == 6)
            #expect(workloads.first { $0["name"] as? String == "store.generate" }?["count"] as? Int == 40)
            #expect((report["serverPeakResidentBytes"] as? Int ?? 0) > 0)
            #expect(result.output.contains("× raw"))
            try? FileManager.default.removeItem(at: json)
        }
    }

    @Test("durability kills the server under writes and finds every acknowledged write intact", arguments: TestDatabase.all)
    func durability(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            let result = try await HamkariExecutable.locate().run(["bench", "durability", "--kills", "2", "--writers", "2", "--events", "5"] + instance.target)
            #expect(result.status == 0, "\(result.output)\(result.errors)")
            let summary = try #require(result.output.split(separator: "\n").last.map(String.init))
            let fields = summary.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(fields.count == 4)
            #expect(fields.first == "2")
            #expect((Int(fields[1]) ?? 0) > 0, "some writes were acknowledged")
            #expect(fields[2] == "0" && fields[3] == "0", "nothing lost, nothing damaged: \(summary)")
        }
    }

    @Test("load runs signed-in users for a fixed time with no failed request")
    func load() async throws {
        try await CLIInstance.with(.sqlite) { instance async throws in
            let result = try await HamkariExecutable.locate().run(["bench", "load", "--events", "20", "--seconds", "2", "--users", "2"] + instance.target)
            #expect(result.status == 0, "\(result.output)\(result.errors)")
            #expect(result.output.contains("load.mixed"))
        }
    }

    @Test("Impossible settings are refused with a clear message before anything runs")
    func badInput() async throws {
        let hamkari = try HamkariExecutable.locate()
        for arguments in [["bench", "--concurrency", "0"], ["bench", "durability", "--kills", "0"], ["bench", "load", "--seconds", "0"],
                          ["bench", "--database", "mysql://nope"]] {
            let result = try await hamkari.run(arguments)
            #expect(result.status != 0)
            #expect(result.errors.contains("must be") || result.errors.contains("takes a postgres"), "\(arguments): \(result.errors)")
        }
    }
}
