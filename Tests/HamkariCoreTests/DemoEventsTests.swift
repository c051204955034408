import Foundation
import HamkariCore
import TestSupport
import Testing

@Suite("Demonstration events")
struct DemoEventsTests {
    static let organisation = UUIDv7.make()

    static func generator(words: [String] = DemoEvents.builtInWords) -> DemoEvents {
        DemoEvents(organisations: [organisation], authorID: UUIDv7.make(), words: words)
    }

    @Test("The same seed gives the same events; another seed others; every event is valid")
    func deterministic() {
        let first = Self.generator().events(count: 200, seed: 7)
        let again = Self.generator().events(count: 200, seed: 7)
        let other = Self.generator().events(count: 200, seed: 8)
        func shape(_ events: [Event]) -> [String] { events.map { "\($0.title)|\($0.districtPcode ?? "")|\($0.acts.map(\.type))|\($0.date?.firstISO ?? "")" } }
        #expect(shape(first) == shape(again))
        #expect(shape(first) != shape(other))
        #expect(shape(Self.generator().events(in: 120..<200, seed: 7)) == shape(Array(first[120..<200])), "a slice is the same as the whole")
        let units = BuiltInGazetteer.all
        let validator = EventValidator(vocabulary: .builtIn, places: Dictionary(units.map { ($0.pcode, $0.parentPcode) }) { a, _ in a },
                                       organisations: [Self.organisation])
        #expect(first.allSatisfy { validator.issues(in: $0).isEmpty })
        #expect(Set(first.compactMap(\.provincePcode)) == ["AF09", "AF17", "AF18", "AF19"])
        #expect(Set(first.compactMap { $0.date?.calendar }) == [.solarHijri, .gregorian])
        let detentions = first.flatMap(\.acts).filter { $0.type == "arbitrary_detention" }.count
        let recruitment = first.flatMap(\.acts).filter { $0.type == "child_recruitment" }.count
        #expect(detentions > recruitment, "proportions follow the weights")
    }

    @Test("Narrative words can come from the UDHR translations")
    func udhrWords() throws {
        let folder = SharedData.url("udhr")
        let texts = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        let words = DemoEvents.words(fromTexts: texts)
        #expect(words.count > 500)
        #expect(words.contains("حقوق"))
        let event = Self.generator(words: words).events(count: 1, seed: 1)[0]
        #expect(event.description.split(separator: " ").allSatisfy { words.contains(String($0)) })
    }
}
