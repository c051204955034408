import ArgumentParser
import AsyncHTTPClient
import Foundation
import HamkariCore
import HamkariStore
import HamkariWeb
import NIOCore

/// Kills the server with SIGKILL while writers save events through the API, again and again, then
/// checks that every write the server acknowledged is there, intact, and that nothing is damaged.
struct DurabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "durability",
        abstract: "kill -9 the server under concurrent writes; then check integrity, the audit log and every acknowledged write.",
        discussion: "Prints: kills, acknowledged, lost, integrity failures. Fails when anything was lost or damaged.")

    @OptionGroup var options: BenchOptions

    @Option(help: "How many times to kill the server.")
    var kills = 20

    @Option(help: "Concurrent writers.")
    var writers = 4

    func validate() throws {
        guard (1...1000).contains(kills) else { throw ValidationError("--kills must be between 1 and 1,000.") }
        guard (1...64).contains(writers) else { throw ValidationError("--writers must be between 1 and 64.") }
    }

    func run() async throws {
        var options = self.options
        if options.events == 10_000 { options.events = 50 }
        var instance = try BenchInstance(options)
        defer { instance.cleanUp() }
        try await instance.prepare(progress: { _, _ in }) { _ in }
        let bodies = try instance.newEvents(count: 64, seed: options.seed &+ 3)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(2))))
        var acknowledged: [Acknowledged] = []
        var random = SeededGenerator(seed: options.seed)
        do {
            for round in 0..<kills {
                let server = try await ChildServer.start(serveArguments: instance.serveArguments, client: client)
                let baseURL = server.baseURL, token = instance.apiToken, writers = self.writers
                let writes = Task {
                    await withTaskGroup(of: [Acknowledged].self) { group in
                        for writer in 0..<writers {
                            group.addTask {
                                await Self.write(client: client, baseURL: baseURL, token: token, bodies: bodies, label: "kill \(round) writer \(writer)")
                            }
                        }
                        return await group.reduce(into: []) { $0 += $1 }
                    }
                }
                try await Task.sleep(for: .milliseconds(300 + Int(random.next() % 1200)))
                server.kill()
                acknowledged += await writes.value
                Console.say("kill \(round + 1)/\(kills): \(acknowledged.count) writes acknowledged so far")
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        let (lost, problems) = try await check(instance, acknowledged)
        for problem in problems { Console.warn(problem) }
        Console.say("kills, acknowledged, lost, integrity failures")
        Console.say("\(kills), \(acknowledged.count), \(lost), \(problems.count)")
        if lost > 0 || !problems.isEmpty { throw CommandFailure("Acknowledged writes were lost or the data is damaged.") }
    }

    struct Acknowledged: Sendable {
        let id: UUID
        let reference: String
        let title: String
    }

    /// Saves events until the server stops answering; returns what it acknowledged (201 with the stored record).
    static func write(client: HTTPClient, baseURL: String, token: String, bodies: [Event], label: String) async -> [Acknowledged] {
        var acknowledged: [Acknowledged] = []
        var index = 0
        while true {
            var event = bodies[index % bodies.count]
            event.title = "\(label) write \(index) \(UUID().uuidString.prefix(8))"
            index += 1
            guard let body = try? EventJSON.creationBody(for: event) else { return acknowledged }
            var request = HTTPClientRequest(url: baseURL + "/api/v1/events")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
            guard let response = try? await client.execute(request, timeout: .seconds(10)),
                  let data = try? await response.body.collect(upTo: 1 << 20) else { return acknowledged }
            guard response.status == .created,
                  let saved = try? JSONSerialization.jsonObject(with: Data(buffer: data)) as? [String: Any],
                  let record = saved["event"] as? [String: Any],
                  let id = (record["id"] as? String).flatMap(UUID.init(uuidString:)),
                  let reference = record["reference"] as? String else { continue }
            acknowledged.append(Acknowledged(id: id, reference: reference, title: event.title))
        }
    }

    /// Counts acknowledged writes that are missing or changed, and lists every other problem found.
    private func check(_ instance: BenchInstance, _ acknowledged: [Acknowledged]) async throws -> (lost: Int, problems: [String]) {
        let store = try await Instance.open(instance.storeOptions, unlock: .demo, logger: instance.storeOptions.logger("hamkari.bench"))
        return try await store.closing { store in
            var problems = try await ConsistencyCheck(store: store).problems()
            let audit = try await store.audit.verify()
            if !audit.isIntact { problems += audit.problems.map { "audit log: \($0)" } }
            var lost = 0
            var references = Set<String>()
            for write in acknowledged {
                guard let stored = try await store.events.find(id: write.id), stored.title == write.title, stored.reference == write.reference else {
                    lost += 1
                    continue
                }
                if !references.insert(stored.reference).inserted { problems.append("reference \(stored.reference) given twice") }
            }
            return (lost, problems)
        }
    }
}
