import Foundation

/// What the CLI tells its operator, on stdout (results) or stderr (warnings and errors).
enum Console {
    /// Where results go instead of stdout when set: a test reading what a command printed.
    @TaskLocal static var transcript: AsyncStream<String>.Continuation?

    static func say(_ text: String) {
        if let transcript {
            transcript.yield(text)
        } else {
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Where a typed answer comes from: the operator's terminal, or one given (a test's, in process,
    /// which must never wait on the terminal it happens to run on).
    @TaskLocal static var answer: (@Sendable () -> String?)?

    /// Whether someone can answer: a terminal, or a given answer.
    static var canAsk: Bool { answer != nil || isatty(STDIN_FILENO) == 1 }

    static func ask(_ prompt: String) -> String? {
        warn(prompt)
        return answer.map { $0() } ?? readLine()
    }
}

/// A failure the operator can act on: printed as its message alone, without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
