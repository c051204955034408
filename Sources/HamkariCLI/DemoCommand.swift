import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Demonstration and benchmark data.", subcommands: [DemoGenerateCommand.self])
}

struct DemoGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Fill an instance with invented, plausible documented events (deterministic for a seed).",
        discussion: """
            A data directory without an instance becomes a demonstration instance first (its key kept beside the data, the \
            demonstration network seeded, the coordinator's login shown once). Uses the instance's member organisations and its \
            first coordinator as author. Never on an instance with real records.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Option(help: "How many events.")
    var events = 1000

    @Option(help: "The seed: the same seed gives the same events.")
    var seed: UInt64 = 1405

    @Option(name: .customLong("words-from"), help: "A folder of text or XML files (such as the UDHR translations) to take narrative words from.")
    var wordsFrom: String?

    @Option(help: "How many evidence files (transcripts and recordings of a few sizes); default one per 50 events, at most 200.")
    var evidence: Int?

    func validate() throws {
        guard (1...1_000_000).contains(events) else { throw ValidationError("--events must be between 1 and 1,000,000.") }
        if let evidence, !(0...events).contains(evidence) { throw ValidationError("--evidence must be between 0 and the number of events.") }
    }

    func run() async throws {
        var words = DemoEvents.builtInWords
        if let wordsFrom {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: wordsFrom) else { throw CommandFailure("Cannot read the folder \(wordsFrom).") }
            let texts = names.sorted().compactMap { try? String(contentsOfFile: (wordsFrom as NSString).appendingPathComponent($0), encoding: .utf8) }
            words = DemoEvents.words(fromTexts: texts)
            guard !words.isEmpty else { throw CommandFailure("No words found in \(wordsFrom).") }
        }
        let count = events
        let seed = self.seed
        let files = evidence ?? min(events / 50, 200)
        let started = ContinuousClock.now
        let logger = store.logger("hamkari.demo")
        // Only a data directory with no instance yet becomes a demonstration one; an existing instance is never seeded.
        let isNew = !KeyDirectory(dataDirectory: store.dataDirectoryURL).exists
        let opened = isNew ? try await Instance.openDemo(store, logger: logger)
                           : try await Instance.open(store, unlock: try unlock.method(), logger: logger)
        try await opened.closing { opened in
            if isNew { try await Instance.announceDemo(opened, withContent: false) }
            try await DemoFiller(store: opened, words: words, seed: seed).fill(range: 0..<count, evidence: files) { ProgressBar.show($0, count) }
        }
        ProgressBar.finish()
        let elapsed = ContinuousClock.now - started
        Console.say("Generated \(count) events and \(files) evidence files (seed \(seed)) in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))).")
    }
}
