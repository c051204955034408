import ArgumentParser
import Foundation
import HamkariCore
import HamkariStore

struct GazetteerImportBoundariesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-boundaries",
        abstract: "Load province or district boundaries (GeoJSON) for the maps, matched to P-codes and simplified.",
        discussion: """
            Features are matched by a P-code property when they have one (adm1_pcode, adm2_pcode, pcode), else by the \
            gazetteer centroid inside them, then by name. Features that match no unit are listed and skipped; a file \
            that matches none is refused and nothing is imported.
            """
    )

    enum Level: String, ExpressibleByArgument, CaseIterable {
        case province, district
        var unitLevel: AdminUnit.Level { self == .province ? .province : .district }
    }

    @OptionGroup var store: StoreOptions
    @OptionGroup var unlock: UnlockOptions

    @Argument(help: "The GeoJSON FeatureCollection of polygons.")
    var file: String

    @Option(help: "Provinces or districts, when the file does not say (geoBoundaries says it by shapeType).")
    var level: Level?

    @Option(help: "Simplification tolerance in degrees (Douglas–Peucker).")
    var tolerance = BoundaryImport.defaultTolerance

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GazetteerImportCommand.ImportFailure(description: "Cannot read \(file). Nothing was imported.")
        }
        guard tolerance >= 0, tolerance <= 1 else {
            throw GazetteerImportCommand.ImportFailure(description: "--tolerance must be between 0 and 1 degree. Nothing was imported.")
        }
        let result = try await Instance.with(store, unlock: unlock, label: "hamkari.gazetteer") { opened in
            let importer = BoundaryImport(units: try await opened.gazetteer.all(), tolerance: tolerance,
                                          source: URL(fileURLWithPath: file).lastPathComponent)
            let result: BoundaryImport.Result
            do {
                result = try importer.run(data, level: level?.unitLevel)
            } catch let failure as BoundaryImport.Failure {
                throw GazetteerImportCommand.ImportFailure(description: "\(file): \(failure) Nothing was imported.")
            }
            try await opened.boundaries.importBoundaries(result.boundaries, actor: AuditEvent.commandLineActor)
            return result
        }
        let kind = result.level == .province ? "provinces" : "districts"
        Console.say("Imported the boundaries of \(result.boundaries.count) \(kind) from \(file) (\(result.pointsBefore) points simplified to \(result.pointsAfter)).")
        if !result.unmatched.isEmpty {
            Console.say("\(result.unmatched.count) features matched no unit of the gazetteer and were skipped: "
                        + result.unmatched.prefix(12).joined(separator: ", ") + (result.unmatched.count > 12 ? ", …" : "")
                        + ". Import the full P-code list first (hamkari gazetteer import) to match them.")
        }
    }
}
