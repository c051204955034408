import Foundation
import HamkariWeb
import HamkariStore
import TestSupport
import Testing

/// `hamkari serve` as an operator runs it: a separate process, a real port, SIGTERM to stop.
@Suite("hamkari serve, end to end", .serialized)
struct ServeEndToEndTests {
    @Test("serve --demo answers health, pages in three scripts, metrics and the API; prints credentials only the first time", arguments: TestDatabase.all)
    func demo(database: TestDatabase) async throws {
        let hamkari = try HamkariExecutable.locate()
        try await withTemporaryDirectory { directory in
            try await database.withLocation { location in
                let target = database == .sqlite
                    ? ["--data-dir", directory.appendingPathComponent("data").path]
                    : ["--data-dir", directory.appendingPathComponent("data").path, "--database", Self.url(location)]
                let port = try LoopbackPort.free()
                let server = try hamkari.start(["serve", "--demo", "--port", String(port)] + target)
                do {
                    try await server.waitUntilReady(port: port)
                    let base = "http://127.0.0.1:\(port)"
                    let (healthStatus, health) = try await HTTP.get(base + "/healthz")
                    #expect(healthStatus == 200)
                    #expect(health.contains("\"database\":\"\(database.rawValue)\""))
                    let (homeStatus, home) = try await HTTP.get(base + "/")
                    #expect(homeStatus == 200)
                    #expect(home.contains("<html lang=\"en\" dir=\"ltr\">"))
                    #expect(home.contains("href=\"/login?lang=en\""), "a stranger is offered to sign in")
                    #expect(!home.contains("Taloqan Human Rights Defenders Association"), "and sees no member")
                    let (_, dari) = try await HTTP.get(base + "/?lang=fa-AF")
                    #expect(dari.contains("<html lang=\"fa-AF\" dir=\"rtl\">"))
                    #expect(dari.contains("شبکه جامعه مدنی ولایت تخار"))
                    let (_, pashto) = try await HTTP.get(base + "/?lang=ps")
                    #expect(pashto.contains("dir=\"rtl\""))
                    let (_, metrics) = try await HTTP.get(base + "/metrics")
                    #expect(metrics.contains("# TYPE hb_requests counter"))
                    let (_, openAPI) = try await HTTP.get(base + "/api/v1/openapi.json")
                    #expect(openAPI.contains("\"openapi\": \"3.1.0\""))
                } catch {
                    _ = await server.terminate()
                    throw error
                }
                let first = await server.terminate()
                #expect(first.status == 0, "graceful shutdown exits 0; stderr: \(first.errors)")
                #expect(first.output.contains("login:    demo.coordinator"))
                #expect(first.output.contains("password: "))
                #expect(first.errors.contains("DEMONSTRATION MODE"))

                let again = try hamkari.start(["serve", "--demo", "--port", String(port)] + target)
                try await again.waitUntilReady(port: port)
                let second = await again.terminate()
                #expect(second.status == 0)
                #expect(!second.output.contains("password:"), "credentials are printed once only")
            }
        }
    }

    @Test("serve on a corrupt database exits non-zero with a clear message and leaves the file as it was")
    func corruptDatabase() async throws {
        let hamkari = try HamkariExecutable.locate()
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(DatabaseLocation.databaseFileName)
            let garbage = Data("PK\u{3}\u{4} this is a zip file, not a database".utf8) + Data(repeating: 7, count: 2048)
            try garbage.write(to: file)
            let result = try await hamkari.run(["serve", "--data-dir", directory.path, "--port", String(try LoopbackPort.free())])
            #expect(result.status != 0)
            #expect(result.errors.contains("is not an SQLite database"))
            #expect(!result.errors.contains("Fatal error"))
            #expect(try contentsOfFile(at: file) == garbage)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [DatabaseLocation.databaseFileName])
        }
    }

    @Test("serve without an instance, or with a bad option, exits non-zero and says what to do")
    func refusals() async throws {
        let hamkari = try HamkariExecutable.locate()
        let missing = try await hamkari.run(["serve", "--data-dir", "/nonexistent/hamkari-\(UUID().uuidString)"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("hamkari init"))
        let badPort = try await hamkari.run(["serve", "--port", "0"])
        #expect(badPort.status != 0)
        #expect(badPort.errors.contains("--port"))
        let help = try await hamkari.run(["--help"])
        #expect(help.status == 0)
        for command in ["serve", "init", "migrate", "gazetteer"] { #expect(help.output.contains(command)) }
    }

    static func url(_ location: DatabaseLocation) -> String {
        if case .postgres(let url) = location { return url }
        return ""
    }
}

@Suite("hamkari serve, locked and unlocked", .serialized)
struct ServeUnlockTests {
    @Test("A locked instance does not start; a wrong passphrase is refused; the right one serves", arguments: TestDatabase.all)
    func unlock(database: TestDatabase) async throws {
        let hamkari = try HamkariExecutable.locate()
        try await CLIInstance.with(database) { instance async throws in
            let created = try await hamkari.run(["init"] + instance.unlocked)
            #expect(created.status == 0, "\(created.errors)")
            let locked = try await hamkari.run(["serve", "--port", String(try LoopbackPort.free())] + instance.target)
            #expect(locked.status != 0)
            #expect(locked.errors.contains("The instance is locked"))
            let wrong = try await hamkari.run(["serve", "--port", String(try LoopbackPort.free())] + instance.target,
                                        environment: ["HAMKARI_PASSPHRASE": "wrong wrong wrong wrong"])
            #expect(wrong.status != 0)
            #expect(wrong.errors.contains("does not unlock"))
            #expect(!wrong.errors.contains("wrong wrong"), "a passphrase never appears in output")
            let port = try LoopbackPort.free()
            let server = try hamkari.start(["serve", "--port", String(port)] + instance.target,
                                           environment: ["HAMKARI_PASSPHRASE": CLIInstance.passphrase])
            try await server.waitUntilReady(port: port)
            let stopped = await server.terminate()
            #expect(stopped.status == 0)
            #expect(!stopped.errors.contains(CLIInstance.passphrase))
        }
    }
}
