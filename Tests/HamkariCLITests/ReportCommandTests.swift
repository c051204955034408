import ArgumentParser
import Foundation
@testable import HamkariCLI
import HamkariCore
import HamkariStore
import HamkariWeb
import TestSupport
import Testing

@Suite("Command line: reports and UN outputs", .serialized)
struct ReportCommandTests {
    /// Six verified events whose sources agreed to public use, one whose source agreed to anonymised use only,
    /// recorded by a coordinator; and a defender, who may not build reports.
    static func prepared(_ instance: CLIInstance) async throws -> (published: Event, anonymised: Event) {
        try await runHamkari(["init"] + instance.unlocked)
        return try await instance.withStore { store async throws in
            let organisation = Organisation(names: LocalizedNames(english: "Taloqan Monitors"), kind: .ngo)
            try await store.organisations.create(organisation)
            let coordinator = UserAccount(organisationID: organisation.id, login: "coordinator.cli", role: .coordinator)
            try await store.users.create(coordinator, passwordHash: nil, actor: "test")
            try await store.users.create(UserAccount(organisationID: organisation.id, login: "defender.cli", role: .defender), passwordHash: nil, actor: "test")
            var published: Event?
            for _ in 0..<6 {
                published = try await store.events.create(SampleEvents.published(organisationID: organisation.id, authorID: coordinator.id),
                                                          actor: coordinator.id)
            }
            let anonymised = try await store.events.create(
                SampleEvents.detention(organisationID: organisation.id, authorID: coordinator.id, confidentiality: .public, status: .verified),
                actor: coordinator.id)
            return (try #require(published), anonymised)
        }
    }

    @Test("report build: each kind in each language as a page that stands alone, JSON figures of publishable records only; audited; refusals",
          arguments: TestDatabase.all)
    func build(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            let (published, _) = try await Self.prepared(instance)
            try await withTemporaryDirectory { directory async throws in
                for kind in ReportKind.allCases {
                    for locale in AppLocale.allCases {
                        let out = directory.appendingPathComponent("\(kind.rawValue)-\(locale.tag).html")
                        try await runHamkari(["report", "build", "--as", "coordinator.cli", "--kind", kind.rawValue, "--lang", locale.tag,
                                              "--out", out.path] + instance.unlocked)
                        let html = try String(contentsOf: out, encoding: .utf8)
                        #expect(html.contains("<html lang=\"\(locale.tag)\" dir=\"\(locale.direction)\""), "\(kind) \(locale)")
                        #expect(!html.contains(published.description) && !html.contains(SampleEvents.victimName), "no narrative, no name")
                    }
                }
                let json = directory.appendingPathComponent("upr.json")
                try await runHamkari(["report", "build", "--as", "coordinator.cli", "--kind", "upr", "--format", "json", "--out", json.path]
                                     + instance.unlocked)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
                let rights = try #require((document["tables"] as? [String: Any])?["rights_by_year"] as? [String: Any])
                #expect(rights["total"] as? Int == 6, "the event whose source agreed to anonymised use only is not published")
                #expect((document["cases"] as? [[String: Any]])?.count == 6)
                let audited = try await instance.withStore { store async throws in try await store.audit.recent(limit: 1).first?.action }
                #expect(audited == AuditAction.reportBuilt.rawValue)

                let refused = directory.appendingPathComponent("refused.html")
                for bad in [["--kind", "annual"], ["--lang", "fr"], ["--format", "docx"], ["--format", "pdf"], ["--filter", "actType"]] {
                    #expect(throws: (any Error).self, "\(bad)") {
                        _ = try HamkariCommand.parseAsRoot(["report", "build", "--as", "coordinator.cli"] + bad + instance.unlocked)
                    }
                }
                do {
                    try await runHamkari(["report", "build", "--as", "coordinator.cli", "--from", "1405-13", "--out", refused.path] + instance.unlocked)
                    Issue.record("a month 13 should be refused")
                } catch let error as ReportBuilder.InvalidRequest {
                    #expect(error.fields == ["from"] && error.description.contains("from"))
                }
                await #expect(throws: CommandFailure.self, "a defender may not build reports") {
                    try await runHamkari(["report", "build", "--as", "defender.cli", "--out", refused.path] + instance.unlocked)
                }
                #expect(!FileManager.default.fileExists(atPath: refused.path), "nothing written for a refused report")
            }
        }
    }

    @Test("report build --format pdf prints the report with Chromium, or says clearly that it needs it", arguments: [TestDatabase.sqlite])
    func pdf(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            _ = try await Self.prepared(instance)
            try await withTemporaryDirectory { directory async throws in
                let out = directory.appendingPathComponent("report.pdf")
                let command = ["report", "build", "--as", "coordinator.cli", "--lang", "fa-AF", "--format", "pdf", "--out", out.path] + instance.unlocked
                if ChromiumPrinter.locate() == nil {
                    do {
                        try await runHamkari(command)
                        Issue.record("without Chromium a PDF cannot be made")
                    } catch let failure as CommandFailure {
                        #expect(failure.description.contains("apt-get install chromium"))
                    }
                } else {
                    try await runHamkari(command)
                    let pdf = try Data(contentsOf: out)
                    #expect(pdf.starts(with: Data("%PDF".utf8)) && pdf.count > 5_000)
                }
            }
        }
    }

    @Test("report communication: a consented case's draft in four languages; refused without consent, for an unknown case and for who may not",
          arguments: TestDatabase.all)
    func communication(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            let (published, anonymised) = try await Self.prepared(instance)
            try await withTemporaryDirectory { directory async throws in
                for locale in AppLocale.allCases {
                    let out = directory.appendingPathComponent("draft-\(locale.tag).html")
                    try await runHamkari(["report", "communication", published.reference, "--as", "coordinator.cli", "--lang", locale.tag,
                                          "--out", out.path] + instance.unlocked)
                    let html = try String(contentsOf: out, encoding: .utf8)
                    #expect(html.contains("dir=\"\(locale.direction)\"") && html.contains(published.reference) && !html.contains(SampleEvents.victimName))
                }
                let named = directory.appendingPathComponent("named.json")
                try await runHamkari(["report", "communication", published.reference, "--as", "coordinator.cli", "--format", "json", "--identities",
                                      "--out", named.path] + instance.unlocked)
                let text = try Data(contentsOf: named)
                let draft = try #require(try JSONSerialization.jsonObject(with: text) as? [String: Any])
                #expect(draft["identitiesIncluded"] as? Bool == true && String(decoding: text, as: UTF8.self).contains(SampleEvents.victimName))
                let audited = try await instance.withStore { store async throws in try await store.audit.recent(limit: 1).first?.action }
                #expect(audited == AuditAction.communicationDrafted.rawValue)

                let refused = directory.appendingPathComponent("refused.html")
                do {
                    try await runHamkari(["report", "communication", anonymised.reference, "--as", "coordinator.cli", "--identities", "--out", refused.path]
                                         + instance.unlocked)
                    Issue.record("names need public consent")
                } catch let failure as CommandFailure {
                    #expect(failure.description.contains("anonymised use only"))
                }
                for (reference, login) in [("TAK-9999-0001", "coordinator.cli"), (published.reference, "defender.cli"), (published.reference, "nobody")] {
                    await #expect(throws: CommandFailure.self, "\(reference) as \(login)") {
                        try await runHamkari(["report", "communication", reference, "--as", login, "--out", refused.path] + instance.unlocked)
                    }
                }
                #expect(!FileManager.default.fileExists(atPath: refused.path), "nothing written for a refused draft")
            }
        }
    }
}
