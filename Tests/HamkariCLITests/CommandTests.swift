import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariStore
import TestSupport
import Testing

/// Runs a `hamkari` command in this process, as the executable would.
func runHamkari(_ arguments: [String]) async throws {
    var command = try HamkariCommand.parseAsRoot(arguments)
    if var asynchronous = command as? any AsyncParsableCommand {
        try await asynchronous.run()
    } else {
        try command.run()
    }
}

@Suite("Command line")
struct CommandTests {
    @Test("--help lists every command")
    func help() {
        let help = HamkariCommand.helpMessage()
        for command in ["serve", "init", "migrate", "gazetteer"] {
            #expect(help.contains(command))
        }
        #expect(HamkariCommand.helpMessage(for: GazetteerCommand.self).contains("import"))
        #expect(HamkariCommand.helpMessage(for: ServeCommand.self).contains("--demo"))
    }

    @Test("init creates an instance; init again and migrate change nothing")
    func initAndMigrate() async throws {
        try await withTemporaryDirectory { directory async throws in
            let data = directory.appendingPathComponent("instance").path
            try await runHamkari(["init", "--data-dir", data])
            #expect(FileManager.default.fileExists(atPath: data + "/hamkari.sqlite"))
            try await runHamkari(["init", "--data-dir", data])
            try await runHamkari(["migrate", "--data-dir", data])
        }
    }

    @Test("migrate and gazetteer import refuse a directory that holds no instance")
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
        try await database.withLocation { location async throws in
            let target = Self.arguments(for: location)
            try await runHamkari(["init"] + target)
            try await runHamkari(["gazetteer", "import", SharedData.url(SharedData.ochaPcodes).path] + target)
            let store = try await Store.open(location, create: false, logger: TestDatabase.logger)
            let provinces = try await store.gazetteer.count(level: .province)
            let districts = try await store.gazetteer.count(level: .district)
            await store.shutdown()
            #expect(provinces == 34)
            #expect(districts == 401)
        }
    }

    @Test("A malformed gazetteer file is refused with its line number and nothing is imported", arguments: TestDatabase.all)
    func gazetteerImportRefused(database: TestDatabase) async throws {
        try await withTemporaryDirectory { directory async throws in
            var lines = try SharedData.text(SharedData.ochaPcodes).components(separatedBy: "\n")
            lines[120] = "AFG,2,AF1899,Broken,AF18,yesterday"
            let file = directory.appendingPathComponent("broken.csv")
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            try await database.withLocation { location async throws in
                let target = Self.arguments(for: location)
                try await runHamkari(["init"] + target)
                do {
                    try await runHamkari(["gazetteer", "import", file.path] + target)
                    Issue.record("the import should have been refused")
                } catch {
                    #expect("\(error)".contains("line 121"))
                    #expect("\(error)".contains("Nothing was imported"))
                }
                let store = try await Store.open(location, create: false, logger: TestDatabase.logger)
                let districts = try await store.gazetteer.count(level: .district)
                await store.shutdown()
                #expect(districts == 67)
            }
        }
    }

    @Test("gazetteer import refuses a missing or non-UTF-8 file")
    func gazetteerUnreadable() async throws {
        try await withTemporaryDirectory { directory async throws in
            let data = directory.appendingPathComponent("instance").path
            try await runHamkari(["init", "--data-dir", data])
            let binary = directory.appendingPathComponent("binary.csv")
            try Data([0xFF, 0xFE, 0x00, 0xD8]).write(to: binary)
            await #expect(throws: (any Error).self) { try await runHamkari(["gazetteer", "import", binary.path, "--data-dir", data]) }
            await #expect(throws: (any Error).self) {
                try await runHamkari(["gazetteer", "import", directory.appendingPathComponent("absent.csv").path, "--data-dir", data])
            }
        }
    }

    @Test("Option errors are caught before anything runs", arguments: [
        ["serve", "--port", "70000"],
        ["serve", "--database", "mysql://root@localhost/db"],
        ["migrate", "--log-level", "loud"],
        ["gazetteer", "import"],
        ["frobnicate"],
    ])
    func badOptions(arguments: [String]) async throws {
        #expect(throws: (any Error).self) { _ = try HamkariCommand.parseAsRoot(arguments) }
    }

    static func arguments(for location: DatabaseLocation) -> [String] {
        switch location {
        case .sqlite(let directory): ["--data-dir", directory.path]
        case .postgres(let url): ["--database", url]
        }
    }
}
