import Foundation

/// One measured workload: throughput, latency percentiles and response sizes.
struct WorkloadResult: Codable, Sendable {
    var name: String
    /// What is counted: events, acts, requests.
    var unit: String
    var count: Int
    var errors: Int
    var seconds: Double
    var perSecond: Double
    var p50Milliseconds: Double?
    var p95Milliseconds: Double?
    var p99Milliseconds: Double?
    var meanBytes: Int?
    var maxBytes: Int?
    /// This workload's throughput (or latency) as a share of plain SQLite doing the same: 1 is the raw limit.
    var ratioToRawSQLite: Double?
    /// Processor time per operation (user and system), in milliseconds, of the process doing the
    /// work: the server, or this one for the workloads run on the store itself.
    var serverCPUMilliseconds: Double?
    var note: String?

    init(name: String, unit: String, count: Int, errors: Int = 0, seconds: Double, latencies: [Duration] = [], bytes: [Int] = [], note: String? = nil) {
        self.name = name
        self.unit = unit
        self.count = count
        self.errors = errors
        self.seconds = seconds
        perSecond = seconds > 0 ? Double(count) / seconds : 0
        let sorted = latencies.map { $0.seconds * 1000 }.sorted()
        p50Milliseconds = Self.percentile(sorted, 0.50)
        p95Milliseconds = Self.percentile(sorted, 0.95)
        p99Milliseconds = Self.percentile(sorted, 0.99)
        meanBytes = bytes.isEmpty ? nil : bytes.reduce(0, +) / bytes.count
        maxBytes = bytes.max()
        self.note = note
    }

    init(name: String, unit: String, sample: LoadSample, count: Int? = nil) {
        self.init(name: name, unit: unit, count: count ?? sample.latencies.count, errors: sample.errors, seconds: sample.elapsed.seconds,
                  latencies: sample.latencies, bytes: sample.bytes, note: sample.problems.first)
    }

    /// The value below which `fraction` of the sorted values fall (nearest rank).
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

/// A whole benchmark run, as JSON and as a table.
struct BenchReport: Codable, Sendable {
    var hamkariVersion = "1"
    var date: String
    var machine: String
    var cores: Int
    var database: String
    var build: String
    var events: Int
    var concurrency: Int
    var serverIdleResidentBytes: Int?
    var serverPeakResidentBytes: Int?
    /// At the end of the run: all resident memory, and the part of it that is mapped files.
    var serverEndResidentBytes: Int?
    var serverEndFileBytes: Int?
    var workloads: [WorkloadResult] = []

    mutating func recordEnd(of server: ChildServer) {
        let memory = server.memory()
        serverPeakResidentBytes = memory.peak
        serverEndResidentBytes = memory.resident
        serverEndFileBytes = memory.file
    }

    /// A report for a run on `instance`, stamped now with this machine and build.
    init(instance: BenchInstance, concurrency: Int) {
        date = Date().internetTime
        machine = Self.machineDescription()
        cores = ProcessInfo.processInfo.activeProcessorCount
        database = instance.databaseName
        build = BenchBuild.description
        events = instance.options.events
        self.concurrency = concurrency
    }

    static func machineDescription() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?.split(separator: "\n").first
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
            .map { "\($0 / 1024 / 1024) GiB" } ?? "unknown memory"
        return "\(cpu), \(memory)"
    }

    func table() -> String {
        func number(_ value: Double?, _ digits: Int = 1) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "–" }
        var lines = [
            "Hamkari benchmark — \(date)",
            "machine: \(machine) (\(cores) cores); database: \(database); build: \(build); events: \(events); concurrency: \(concurrency)",
        ]
        if let idle = serverIdleResidentBytes, let peak = serverPeakResidentBytes {
            var line = "server resident memory: idle \(idle >> 20) MiB, peak \(peak >> 20) MiB"
            if let end = serverEndResidentBytes, let file = serverEndFileBytes {
                line += "; at the end \(end >> 20) MiB, of which \(file >> 20) MiB mapped files (the database: shared, evictable)"
            }
            lines.append(line)
        }
        let header = ["workload", "count", "errors", "per s", "p50 ms", "p95 ms", "p99 ms", "cpu ms", "bytes", "× raw"]
        var rows = [header]
        for workload in workloads {
            rows.append([workload.name, "\(workload.count) \(workload.unit)", "\(workload.errors)", number(workload.perSecond),
                         number(workload.p50Milliseconds, 2), number(workload.p95Milliseconds, 2), number(workload.p99Milliseconds, 2),
                         number(workload.serverCPUMilliseconds, 3),
                         workload.meanBytes.map(String.init) ?? "–", number(workload.ratioToRawSQLite, 3)])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                            : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  "))
        }
        let notes = workloads.compactMap { workload in workload.note.map { "\(workload.name): \($0)" } }
        if !notes.isEmpty { lines += ["", "notes:"] + notes.map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }

    func write(json path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}
