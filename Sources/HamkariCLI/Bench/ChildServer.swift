import AsyncHTTPClient
import Foundation
import HamkariWeb
#if canImport(Glibc)
import Glibc
#endif

/// `hamkari serve` run as a child process on 127.0.0.1, as an operator runs it: the benchmarks
/// measure it from outside (requests, its resident memory) and the durability check kills it.
final class ChildServer {
    let process: ChildProcess
    let port: Int
    let output: URL

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var pid: Int32 { process.pid }

    private init(process: ChildProcess, port: Int, output: URL) {
        self.process = process
        self.port = port
        self.output = output
    }

    /// Starts the server on a free port and waits until `/healthz` answers.
    static func start(serveArguments: [String], client: HTTPClient) async throws -> ChildServer {
        let port = try LoopbackPort.free()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-bench-server-\(UUID().uuidString).log")
        let process = try ChildProcess(try executablePath(),
                                       arguments: ["serve", "--host", "127.0.0.1", "--port", String(port), "--log-level", "error"] + serveArguments,
                                       output: .file(output.path), errors: .file(output.path))
        let server = ChildServer(process: process, port: port, output: output)
        for _ in 0..<600 {
            guard process.isRunning else { break }
            if let response = try? await client.execute(HTTPClientRequest(url: server.baseURL + "/healthz"), timeout: .seconds(2)),
               response.status == .ok {
                return server
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.kill()
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        throw CommandFailure("The server did not start. It printed:\n\(log.suffix(2000))")
    }

    /// The executable of this process (the same `hamkari` serves).
    static func executablePath() throws -> String {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard FileManager.default.isExecutableFile(atPath: path) else { throw CommandFailure("Cannot find the hamkari executable to start.") }
        return path
    }

    /// Processor time the server has used so far (user and system), from /proc: what a workload
    /// costs the server, apart from the client beside it on the same cores and from waiting.
    static func cpuSeconds(pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command name: state is the 3rd field of the line, utime the 14th, stime the 15th.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident memory now and at its peak, in bytes, from /proc; `file` is the part that is mapped
    /// files (the database, shared with the operating system's page cache and evictable).
    func memory() -> (resident: Int, peak: Int, file: Int) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0, 0) }
        func kilobytes(_ field: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
        }
        return (kilobytes("VmRSS"), kilobytes("VmHWM"), kilobytes("RssFile"))
    }

    /// Asks the server to stop (SIGTERM) and waits.
    func stop() {
        process.signal(SIGTERM)
        _ = process.exitBlocking()
    }

    /// Kills the server at once (SIGKILL): no shutdown, no flush.
    func kill() {
        process.signal(SIGKILL)
        _ = process.exitBlocking()
    }

    deinit {
        try? FileManager.default.removeItem(at: output)
    }
}
