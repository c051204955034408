import ArgumentParser
import Foundation
import HamkariSecurity
import HamkariStore
#if canImport(Glibc)
import Glibc
#endif

/// How a command unlocks the instance's keys: a passphrase (from a file, HAMKARI_PASSPHRASE or a
/// prompt), or the key file from removable media. Without one of them the instance stays locked.
struct UnlockOptions: ParsableArguments {
    @Option(name: .customLong("passphrase-file"), help: "Read the passphrase from this file (its first line).")
    var passphraseFile: String?

    @Option(name: .customLong("key-file"), help: "Unlock with this key file instead of the passphrase.")
    var keyFile: String?

    @Flag(name: .customLong("demo-key"), help: "Unlock a demonstration instance (made by `serve --demo`) with the key kept beside its data.")
    var demoKey = false

    struct Locked: Error, CustomStringConvertible {
        let description = """
            The instance is locked. Give its passphrase (--passphrase-file FILE, the HAMKARI_PASSPHRASE \
            environment variable, or type it when asked) or its key file (--key-file FILE); a demonstration instance opens with --demo-key.
            """
    }

    func method() throws -> KeyDirectory.Unlock {
        if demoKey { return .demo }
        if let keyFile { return try Self.readKeyFile(keyFile) }
        if let passphrase = try Passphrase.fromFileOrEnvironment(passphraseFile) { return .passphrase(passphrase) }
        if let typed = Passphrase.prompt("Passphrase: ") { return .passphrase(typed) }
        throw Locked()
    }

    static func readKeyFile(_ path: String) throws -> KeyDirectory.Unlock {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("Cannot read the key file \(path).")
        }
        do {
            return .keyFile(try KeyFile.removable.decode(text))
        } catch {
            throw ValidationError("\(path) is not a Hamkari key file.")
        }
    }
}

/// Where a passphrase comes from, in order: a file, the environment, the terminal.
enum Passphrase {
    static let environmentVariable = "HAMKARI_PASSPHRASE"

    static func fromFileOrEnvironment(_ file: String?) throws -> String? {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("Cannot read the passphrase file \(file).")
            }
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !line.isEmpty else { throw ValidationError("The passphrase file \(file) is empty.") }
            return line
        }
        if let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty { return value }
        return nil
    }

    /// Asks on the terminal without echo; nil when there is no terminal (a service, CI).
    static func prompt(_ text: String) -> String? {
        if let answer = Console.answer { return answer().flatMap { $0.isEmpty ? nil : $0 } }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass(text) else { return nil }
        let value = String(cString: typed)
        return value.isEmpty ? nil : value
    }
}
