import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn`: standard input empty, output and errors to files or discarded.
///
/// Not Foundation's `Process`: on Linux it emulates close-on-exec by reading `/proc/self/fd` and copies
/// 256 bytes out of each directory entry, past the end of the last one, so a process holding many
/// descriptors (a busy server, a test runner with hundreds of databases open) can crash as it starts a
/// child. Here the child closes what it would inherit itself (glibc's closefrom action), gets the
/// default signal mask and dispositions, and is waited for by polling, never by holding a thread.
public final class ChildProcess: Sendable {
    public enum Destination: Sendable {
        case discarded
        /// Appended to; created readable by its owner only.
        case file(String)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let executable: String
        public let code: Int32
        public var description: String { "Cannot start \(executable): \(String(cString: strerror(code)))." }
    }

    public let pid: pid_t
    /// The exit status (or the number of the signal that ended it), once reaped.
    private let ended = Mutex<Int32?>(nil)

    public init(_ executable: String, arguments: [String], environment: [String: String]? = nil,
                output: Destination = .discarded, errors: Destination = .discarded) throws(Failure) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        for (descriptor, destination) in [(STDOUT_FILENO, output), (STDERR_FILENO, errors)] {
            switch destination {
            case .discarded: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            }
        }
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // Its own process group, so that a stop reaches the helpers it starts (Chromium's, say).
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw Failure(executable: executable, code: code) }
        self.pid = pid
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    /// glibc 2.34 and later; the Swift module of older headers does not declare it.
    private static var closeFrom: CloseFrom? {
        dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: CloseFrom.self) }
    }

    /// The exit status, or nil while it runs.
    public var exitStatus: Int32? {
        ended.withLock { ended in
            if ended == nil {
                var status: Int32 = 0
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid {
                    let signal = status & 0x7f
                    ended = signal == 0 ? (status >> 8) & 0xff : signal
                } else if reaped < 0, errno == ECHILD {
                    ended = -1
                }
            }
            return ended
        }
    }

    public var isRunning: Bool { exitStatus == nil }

    /// Waits for it to end, without holding a thread.
    public func exit() async -> Int32 {
        while true {
            if let status = exitStatus { return status }
            do { try await Task.sleep(for: .milliseconds(10)) } catch { usleep(10_000) }
        }
    }

    /// Waits for it to end, for callers that cannot suspend (a `defer`, a synchronous helper).
    public func exitBlocking() -> Int32 {
        while true {
            if let status = exitStatus { return status }
            usleep(10_000)
        }
    }

    /// Sends `signal` to it and the helpers in its process group, unless it has ended.
    public func signal(_ signal: Int32) {
        if isRunning { kill(-pid, signal) }
    }
}
