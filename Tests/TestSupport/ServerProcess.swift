import Foundation
import HamkariWeb
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The built `hamkari` executable, run as a separate process the way an operator runs it.
public struct HamkariExecutable: Sendable {
    public let url: URL

    public enum Failure: Error, CustomStringConvertible {
        case notBuilt([String])
        case neverReady(output: String)
        public var description: String {
            switch self {
            case .notBuilt(let places): "the hamkari executable is not built (looked in \(places)); run swift build --build-tests"
            case .neverReady(let output): "the server never answered /healthz; it printed: \(output)"
            }
        }
    }

    /// Beside the test bundle (`swift build --build-tests` builds both into one folder).
    public static func locate() throws -> HamkariExecutable {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ].compactMap { $0?.appendingPathComponent("hamkari") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Failure.notBuilt(candidates.map(\.path))
        }
        return HamkariExecutable(url: found)
    }

    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        public let errors: String
    }

    /// Runs a command to completion.
    public func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let process = try start(arguments, environment: environment)
        _ = await process.process.exit()
        return process.finish()
    }

    public func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningProcess {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-out-\(UUID().uuidString)")
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-err-\(UUID().uuidString)")
        // Never the test's own terminal: a prompt for a passphrase or a confirmation would wait for ever.
        let process = try ChildProcess(url.path, arguments: arguments,
                                       environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
                                       output: .file(output.path), errors: .file(errors.path))
        return RunningProcess(process: process, outputFile: output, errorFile: errors)
    }
}

/// A started `hamkari` process whose output goes to files, so nothing blocks on a full pipe.
public struct RunningProcess: Sendable {
    public let process: ChildProcess
    let outputFile: URL
    let errorFile: URL

    public var output: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    public var errors: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Asks the server to stop as an init system would (SIGTERM) and waits for it.
    public func terminate() async -> HamkariExecutable.Result {
        process.signal(SIGTERM)
        _ = await process.exit()
        return finish()
    }

    func finish() -> HamkariExecutable.Result {
        let result = HamkariExecutable.Result(status: process.exitStatus ?? -1, output: output, errors: errors)
        try? FileManager.default.removeItem(at: outputFile)
        try? FileManager.default.removeItem(at: errorFile)
        return result
    }

    /// Waits until `GET /healthz` answers 200.
    public func waitUntilReady(port: Int, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !process.isRunning { break }
            if let (status, _) = try? await HTTP.get("http://127.0.0.1:\(port)/healthz"), status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw HamkariExecutable.Failure.neverReady(output: output + errors)
    }
}

public enum HTTP {
    /// A session that keeps no cookies, so one request's language choice never leaks into the next.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        return URLSession(configuration: configuration)
    }()

    /// GET over a real socket; returns the status and body text.
    public static func get(_ url: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: url)!)
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
