import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request a workload sends.
struct BenchRequest: Sendable {
    var method: HTTPMethod = .GET
    var path: String
    var headers: [(String, String)] = []
    var body: Data?
}

/// What a run of requests measured.
struct LoadSample: Sendable {
    var latencies: [Duration] = []
    var bytes: [Int] = []
    var errors = 0
    /// The first few unexpected answers, to say what went wrong.
    var problems: [String] = []
    var elapsed: Duration = .zero

    mutating func merge(_ other: LoadSample) {
        latencies += other.latencies
        bytes += other.bytes
        errors += other.errors
        problems += other.problems.prefix(max(0, 3 - problems.count))
    }
}

/// Sends requests over HTTP/1.1 keep-alive with a fixed number of concurrent clients.
struct LoadDriver: Sendable {
    let client: HTTPClient
    let baseURL: String

    /// `count` requests (`make(i)` builds the i-th), `concurrency` at a time; `expected` are the good statuses.
    func run(count: Int, concurrency: Int, expected: Set<UInt> = [200, 201],
             _ make: @escaping @Sendable (Int) -> BenchRequest) async -> LoadSample {
        let workers = max(1, min(concurrency, count))
        return await clients(workers) { worker in
            var sample = LoadSample()
            for index in stride(from: worker, to: count, by: workers) {
                await send(make(index), expected: expected, into: &sample)
            }
            return sample
        }
    }

    /// Requests for `duration`, `concurrency` at a time, each client cycling through `make(client, step)`.
    func run(for duration: Duration, concurrency: Int, expected: Set<UInt> = [200, 201],
             _ make: @escaping @Sendable (Int, Int) -> BenchRequest) async -> LoadSample {
        let deadline = ContinuousClock.now.advanced(by: duration)
        return await clients(max(1, concurrency)) { worker in
            var sample = LoadSample()
            var step = 0
            while ContinuousClock.now < deadline {
                await send(make(worker, step), expected: expected, into: &sample)
                step += 1
            }
            return sample
        }
    }

    /// Runs `count` concurrent clients and merges what they measured.
    private func clients(_ count: Int, _ client: @escaping @Sendable (Int) async -> LoadSample) async -> LoadSample {
        let clock = ContinuousClock()
        let started = clock.now
        var total = await withTaskGroup(of: LoadSample.self) { group in
            for worker in 0..<count { group.addTask { await client(worker) } }
            var merged = LoadSample()
            for await sample in group { merged.merge(sample) }
            return merged
        }
        total.elapsed = clock.now - started
        return total
    }

    func send(_ request: BenchRequest, expected: Set<UInt>, into sample: inout LoadSample) async {
        var outgoing = HTTPClientRequest(url: baseURL + request.path)
        outgoing.method = request.method
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let response = try await client.execute(outgoing, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 64 << 20)
            sample.latencies.append(clock.now - started)
            sample.bytes.append(body.readableBytes)
            if !expected.contains(response.status.code) {
                sample.errors += 1
                if sample.problems.count < 3 {
                    sample.problems.append("\(request.method) \(request.path): \(response.status.code) \(String(buffer: body).prefix(200).split(whereSeparator: \.isNewline).joined(separator: " "))")
                }
            }
        } catch {
            sample.errors += 1
            if sample.problems.count < 3 { sample.problems.append("\(request.method) \(request.path): \(type(of: error))") }
        }
    }
}
