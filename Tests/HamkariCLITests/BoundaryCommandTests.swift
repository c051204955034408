import Foundation
import HamkariCore
import HamkariStore
import TestSupport
import Testing

@Suite("gazetteer import-boundaries", .serialized)
struct BoundaryCommandTests {
    @Test("geoBoundaries' districts are matched and stored (namesakes outside the gazetteer listed); a broken file leaves the stored ones as they were",
          arguments: TestDatabase.all)
    func importBoundaries(database: TestDatabase) async throws {
        try await CLIInstance.with(database) { instance async throws in
            try await runHamkari(["init"] + instance.unlocked)
            let said = try await runHamkariCapturing(["gazetteer", "import-boundaries", SharedData.url(SharedData.districtBoundaries).path]
                                                     + instance.unlocked)
            #expect(said.contains { $0.contains("Imported the boundaries of 67 districts") })
            #expect(said.contains { $0.contains("331 features matched no unit") && $0.contains("hamkari gazetteer import") })
            let stored = try await instance.withStore { try await $0.boundaries.boundaries(level: .district) }
            #expect(stored.count == 67 && stored["AF1801"]?.shape.contains(GeoPoint(longitude: 69.6037, latitude: 36.7398)) == true)

            let broken = instance.passphraseFile.deletingLastPathComponent().appendingPathComponent("broken.geojson")
            try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"shapeType":"ADM2"},"geometry":{"type":"Polygon","coordinates":[[[69,36],[999,36],[70,37],[69,36]]]}}]}"#.utf8).write(to: broken)
            for (file, reason) in [(broken.path, "not a longitude and latitude"), (broken.path + ".absent", "Cannot read")] {
                do {
                    try await runHamkari(["gazetteer", "import-boundaries", file] + instance.unlocked)
                    Issue.record("\(file) should have been refused")
                } catch {
                    #expect("\(error)".contains(reason) && "\(error)".contains("Nothing was imported"), "\(error)")
                }
            }
            await #expect(throws: (any Error).self) {
                try await runHamkari(["gazetteer", "import-boundaries", SharedData.url(SharedData.provinceBoundaries).path, "--tolerance", "5"]
                                     + instance.unlocked)
            }
            let after = try await instance.withStore { try await $0.boundaries.boundaries(level: .district) }
            #expect(after == stored)
            #expect(try await instance.withStore { try await $0.boundaries.boundaries(level: .province) }.isEmpty)
        }
    }
}
