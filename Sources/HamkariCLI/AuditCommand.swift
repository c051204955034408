import ArgumentParser
import Foundation
import HamkariCore
import HamkariSecurity
import HamkariStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and sign the tamper-evident audit log.",
        subcommands: [AuditVerifyCommand.self, AuditCheckpointCommand.self]
    )
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the audit log's Merkle tree and check it against every signed checkpoint.",
        discussion: "Exits non-zero and names the entries when any was changed, deleted, inserted, reordered or truncated."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(help: "A checkpoint exported earlier (by `audit checkpoint --out`), e.g. one another member kept.")
    var checkpoint: String?

    struct Tampered: Error, CustomStringConvertible {
        let problems: [String]
        var description: String { "The audit log has been tampered with:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
    }

    func run() async throws {
        let extra = try checkpoint.map { path -> [AuditCheckpoint] in
            guard let data = FileManager.default.contents(atPath: path),
                  let decoded = try? JSONDecoder().decode(AuditCheckpoint.self, from: data) else {
                throw ValidationError("\(path) is not an exported audit checkpoint.")
            }
            return [decoded]
        } ?? []
        let report = try await Instance.with(store, unlock: unlock, label: "hamkari.audit") { opened in
            try await opened.audit.verify(extraCheckpoints: extra)
        }
        guard report.isIntact else { throw Tampered(problems: report.problems) }
        Console.say("The audit log is intact: \(report.entryCount) entries, \(report.checkpointsChecked) signed checkpoints checked, root \(report.rootHash.base64EncodedString()).")
    }
}

struct AuditCheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint", abstract: "Sign the audit log's current size and root; optionally export it for others to keep.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(help: "Also write the signed checkpoint to this file (JSON).")
    var out: String?

    func run() async throws {
        let checkpoint = try await Instance.with(store, unlock: unlock, label: "hamkari.audit") { opened in
            try await opened.audit.checkpoint(actor: AuditEvent.commandLineActor)
        }
        if let out {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            guard FileManager.default.createFile(atPath: out, contents: try encoder.encode(checkpoint)) else {
                throw ValidationError("Cannot write \(out).")
            }
        }
        Console.say("Signed checkpoint: \(checkpoint.treeSize) entries, root \(checkpoint.rootHash.base64EncodedString())\(out.map { ", written to \($0)" } ?? "").")
    }
}
