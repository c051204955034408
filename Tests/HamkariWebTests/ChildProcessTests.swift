import Foundation
import HamkariWeb
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Child processes: started with posix_spawn, output to files, nothing inherited, stopped by signal")
struct ChildProcessTests {
    @Test("The exit status and what it printed come back; a signal's number when one ended it")
    func statusAndOutput() async throws {
        try await withTemporaryDirectory { directory async throws in
            let output = directory.appendingPathComponent("out.txt")
            let child = try ChildProcess("/bin/sh", arguments: ["-c", "echo سلام; read line; echo \"[$line]\"; exit 3"], output: .file(output.path))
            #expect(await child.exit() == 3)
            #expect(try String(contentsOf: output, encoding: .utf8) == "سلام\n[]\n", "standard input is empty, never the test's terminal")
            let attributes = try FileManager.default.attributesOfItem(atPath: output.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)

            let sleeper = try ChildProcess("/bin/sleep", arguments: ["30"])
            #expect(sleeper.isRunning)
            sleeper.signal(SIGTERM)
            #expect(sleeper.exitBlocking() == SIGTERM)
            #expect(!sleeper.isRunning && sleeper.exitStatus == SIGTERM)
        }
    }

    @Test("The child inherits no descriptor of ours but its standard three")
    func nothingInherited() async throws {
        try await withTemporaryDirectory { directory async throws in
            let held = try FileHandle(forWritingTo: {
                let path = directory.appendingPathComponent("held")
                _ = FileManager.default.createFile(atPath: path.path, contents: nil)
                return path
            }())
            defer { try? held.close() }
            let output = directory.appendingPathComponent("fds.txt")
            // The shell lists its own descriptors, as a loop over /proc/self/fd (itself an open directory while listed).
            let child = try ChildProcess("/bin/sh", arguments: ["-c", "for fd in /proc/$$/fd/*; do echo ${fd##*/}; done"], output: .file(output.path))
            #expect(await child.exit() == 0)
            let descriptors = Set(try String(contentsOf: output, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) })
            #expect(descriptors.isSuperset(of: [0, 1, 2]))
            #expect(!descriptors.contains(held.fileDescriptor), "the file held open here is not open there: \(descriptors)")
            #expect(descriptors.count <= 4, "\(descriptors)")
        }
    }

    @Test("A program that is not there is a clear error, not a crash")
    func missing() {
        do {
            _ = try ChildProcess("/nonexistent/chromium", arguments: [])
            Issue.record("a missing program cannot start")
        } catch {
            #expect(error.code == ENOENT && error.description == "Cannot start /nonexistent/chromium: No such file or directory.")
        }
    }
}
