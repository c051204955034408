import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Prints an HTML page to PDF with headless Chromium (Debian's `chromium`), when it is installed.
/// The page is written to a private temporary directory and opened from there, so Chromium reads
/// nothing from the network; the directory is removed afterwards, whatever happens.
public struct ChromiumPrinter: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notInstalled
        case failed(status: Int32)
        case timedOut

        public var description: String {
            switch self {
            case .notInstalled: "A PDF needs Chromium on the server (Debian: apt-get install chromium; or set HAMKARI_CHROMIUM). The HTML report can be printed from any browser."
            case .failed(let status): "Chromium could not print the report (it ended with status \(status))."
            case .timedOut: "Chromium took too long to print the report."
            }
        }
    }

    public var executable: String
    public var timeout: Duration

    /// Chromium from `HAMKARI_CHROMIUM`, or where Debian and others install it; nil when there is none.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let candidates = [environment["HAMKARI_CHROMIUM"]].compactMap { $0 }
            + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public init(executable: String, timeout: Duration = .seconds(90)) {
        self.executable = executable
        self.timeout = timeout
    }

    public static func installed() throws(Failure) -> ChromiumPrinter {
        guard let path = locate() else { throw .notInstalled }
        return ChromiumPrinter(executable: path)
    }

    public func pdf(of html: String) async throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hamkari-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html"), output = directory.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        let status = try await run(["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
                                    "--no-first-run", "--no-pdf-header-footer", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                                    "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
                                    "--print-to-pdf=\(output.path)", page.absoluteString])
        guard status == 0, let data = FileManager.default.contents(atPath: output.path), data.starts(with: Data("%PDF".utf8)) else {
            throw Failure.failed(status: status)
        }
        return data
    }

    private func run(_ arguments: [String]) async throws -> Int32 {
        let chromium = try ChildProcess(executable, arguments: arguments)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = chromium.exitStatus { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
        chromium.signal(SIGKILL)
        _ = await chromium.exit()
        throw Failure.timedOut
    }
}
