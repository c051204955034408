import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariStore
import TestSupport
import Testing

/// Runs a `hamkari` command in this process, as the executable would.
/// Runs a command in process. Whatever terminal the tests run on, a question gets no answer
/// (as on a service or in CI) unless the test gives one (`Console.$answer`).
func runHamkari(_ arguments: [String]) async throws {
    var command = try HamkariCommand.parseAsRoot(arguments)
    try await Console.$answer.withValue(Console.answer ?? { nil }) {
        if var asynchronous = command as? any AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
    }
}

/// The lines `work` printed as results.
func printed(by work: () async throws -> Void) async throws -> [String] {
    let (lines, transcript) = AsyncStream<String>.makeStream()
    try await Console.$transcript.withValue(transcript) { try await work() }
    transcript.finish()
    return await lines.reduce(into: []) { $0.append($1) }
}

/// Runs the command and returns the lines it printed as results.
func runHamkariCapturing(_ arguments: [String]) async throws -> [String] {
    try await printed { try await runHamkari(arguments) }
}

@Suite("Command line", .serialized)
struct CommandTests {
    @Test("--help lists every command")
    func help() {
        let help = HamkariCommand.helpMessage()
        for command in ["serve", "init", "migrate", "gazetteer", "user", "key", "audit"] {
            #expect(help.contains(command))
        }
        #expect(HamkariCommand.helpMessage(for: GazetteerCommand.self).contains("import"))
        #expect(HamkariCommand.helpMessage(for: ServeCommand.self).contains("--demo"))
        #expect(HamkariCommand.helpMessage(for: ServeCommand.self).contains("--passphrase-file"))
    }

    @Test("init creates an instance; init again and migrate change nothing", arguments: TestDatabase.all)
    func initAndMigrate(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            #expect(FileManager.default.fileExists(atPath: instance.dataDirectory.path + "/keys/envelope.json"))
            try await runHamkari(["init"] + instance.unlocked)
            try await runHamkari(["migrate"] + instance.target)
            let count = try await instance.withStore { try await $0.audit.count() }
            #expect(count == 1)
        }
    }

    @Test("migrate and serve refuse a directory that holds no instance")
    func notInitialised() async throws {
        try await withTemporaryDirectory { directory async throws in
            let data = directory.appendingPathComponent("none").path
            await #expect(throws: StoreError.notInitialised(path: data)) { try await runHamkari(["migrate", "--data-dir", data]) }
            await #expect(throws: StoreError.notInitialised(path: data)) {
                try await runHamkari(["serve", "--data-dir", data, "--port", "1"])
            }
            #expect(!FileManager.default.fileExists(atPath: data))
        }
    }

    @Test("gazetteer import loads OCHA's list: 34 provinces and 401 districts", arguments: TestDatabase.all)
    func gazetteerImport(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            try await runHamkari(["gazetteer", "import", SharedData.url(SharedData.ochaPcodes).path] + instance.unlocked)
            let (provinces, districts) = try await instance.withStore { store async throws in
                (try await store.gazetteer.count(level: .province), try await store.gazetteer.count(level: .district))
            }
            #expect(provinces == 34)
            #expect(districts == 401)
        }
    }

    @Test("A malformed gazetteer file is refused with its line number and nothing is imported", arguments: TestDatabase.all)
    func gazetteerImportRefused(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            var lines = try SharedData.text(SharedData.ochaPcodes).components(separatedBy: "\n")
            lines[120] = "AFG,2,AF1899,Broken,AF18,yesterday"
            let file = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("broken.csv")
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            try await runHamkari(["init"] + instance.unlocked)
            do {
                try await runHamkari(["gazetteer", "import", file.path] + instance.unlocked)
                Issue.record("the import should have been refused")
            } catch {
                #expect("\(error)".contains("line 121"))
                #expect("\(error)".contains("Nothing was imported"))
            }
            let districts = try await instance.withStore { try await $0.gazetteer.count(level: .district) }
            #expect(districts == 67)
        }
    }

    @Test("gazetteer import refuses a missing or non-UTF-8 file")
    func gazetteerUnreadable() async throws {
        try await CLIInstance.with(.sqlite) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            let binary = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("binary.csv")
            try Data([0xFF, 0xFE, 0x00, 0xD8]).write(to: binary)
            await #expect(throws: (any Error).self) { try await runHamkari(["gazetteer", "import", binary.path] + instance.unlocked) }
            await #expect(throws: (any Error).self) {
                try await runHamkari(["gazetteer", "import", binary.path + ".absent"] + instance.unlocked)
            }
        }
    }

    @Test("Option errors are caught before anything runs", arguments: [
        ["serve", "--port", "70000"],
        ["serve", "--database", "mysql://root@localhost/db"],
        ["migrate", "--log-level", "loud"],
        ["gazetteer", "import"],
        ["user", "create", "--organisation", "x", "--login", "Bad Login", "--role", "documenter"],
        ["user", "create", "--organisation", "x", "--login", "ok.login", "--role", "emperor"],
        ["frobnicate"],
    ])
    func badOptions(arguments: [String]) async throws {
        #expect(throws: (any Error).self) { _ = try HamkariCommand.parseAsRoot(arguments) }
    }
}
