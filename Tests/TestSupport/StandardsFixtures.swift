import Foundation
import HamkariCore
import HamkariStore

/// The standards library filled from the public texts in `../shared/data`.
public enum StandardsFixtures {
    public static let declarations = ["udhr_eng.xml", "udhr_pes_2.xml", "udhr_pbu.xml", "udhr_uzn_latn.xml"]

    public static func read(_ relativePath: String) throws -> StandardsImport.Result {
        try StandardsImport.parse(try Data(contentsOf: SharedData.url(relativePath)))
    }

    /// Imports the UDHR in English, Dari, Pashto and Uzbek (and `treaties`, e.g. `CRC_BWBV0002508.md`).
    public static func importDeclarations(into store: Store, treaties: [String] = []) async throws {
        for file in declarations.map({ "udhr/\($0)" }) + treaties.map({ "treaties/\($0)" }) {
            try await store.standards.importArticles(try read(file), source: file, actor: "test")
        }
    }
}
