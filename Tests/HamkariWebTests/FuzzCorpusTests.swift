import Foundation
import HamkariFuzzTargets
import HamkariWeb
import Testing

/// Every committed fuzzing input (the seed corpora and each input that once crashed) goes through
/// its target in the ordinary test run, so a fixed crash stays fixed.
@Suite("Fuzzing corpora replay without a crash")
struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        ["corpus", "regressions"].flatMap { folder -> [URL] in
            let directory = root.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
            return ((try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? [])
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
    }

    @Test("Each target has a seed corpus, and every input returns", arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        let inputs = Self.inputs(target)
        #expect(!inputs.isEmpty, "fuzz/corpus/\(target.rawValue) is empty")
        for input in inputs {
            target.run(try Data(contentsOf: input))
        }
    }

    @Test("The seed inputs are meaningful: the JSON corpus decodes as request bodies")
    func seedsDecode() throws {
        let event = Self.root.appendingPathComponent("corpus/json/event.json")
        #expect(RequestBodyCheck.exercise(try Data(contentsOf: event)) >= 1)
    }
}
