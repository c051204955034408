import Crypto
import Foundation
import HamkariCore
import HamkariSecurity
import HamkariWeb

/// Every parser that takes outside input, as a fuzzing target: each takes any bytes and must
/// return (accepting or refusing them), never crash. `hamkari-fuzz` runs them under libFuzzer;
/// the tests replay the committed corpora and every crash once found.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The CSV importer of events (reader, mapping, validation).
    case csv
    /// The main JSON request bodies of the API.
    case json
    /// The search-text normaliser and keyed tokens.
    case search
    /// Opening sealed values.
    case sealed
    /// Key files and key envelopes.
    case keyfile
    /// The gazetteer importer (OCHA P-code lists).
    case gazetteer
    /// The boundary importer (GeoJSON), its matching and simplification.
    case boundaries

    public func run(_ data: Data) {
        switch self {
        case .csv:
            let text = String(decoding: data, as: UTF8.self)
            let split = text.split(separator: "\u{1}", maxSplits: 1).map(String.init)
            let mapping = split.count == 2 ? (try? JSONDecoder().decode(CSVMapping.self, from: Data(split[0].utf8))) ?? CSVMapping() : CSVMapping()
            let importer = Self.csvImport(mapping), file = split.last ?? ""
            let once = importer.read(file)
            // Below the error limit no part stops early, so the parts must find exactly what one pass found.
            if once.errors.count < importer.errorLimit {
                let inParts = importer.readPartsInTurn(file, parts: 3)
                precondition(inParts.errors == once.errors && inParts.rows == once.rows
                             && inParts.events.map(\.title) == once.events.map(\.title), "reading in parts differs from one pass")
            }
        case .json:
            RequestBodyCheck.exercise(data)
        case .search:
            let text = String(decoding: data, as: UTF8.self)
            _ = SearchNormalizer.words(text)
            _ = SearchTokenizer.normalizedWords(of: text)
            _ = Self.tokenizer.tokens(for: text)
        case .sealed:
            _ = try? Self.sealer.open(data, context: SealContext(table: "events", recordID: "fuzz", field: "content_sealed"))
            _ = FieldSealer.keyVersion(of: data)
        case .keyfile:
            let text = String(decoding: data, as: UTF8.self)
            for kind in [KeyFile.removable, .demoRootKey, .escrowIdentity, .escrowRecipient] { _ = try? kind.decode(text) }
            if let envelope = try? JSONDecoder().decode(KeyEnvelope.self, from: data) {
                _ = try? envelope.unlock(keyFileSecret: Self.key)
                _ = try? envelope.keyRing(rootKey: Self.key)
            }
        case .gazetteer:
            _ = try? PcodeListImport.parse(String(decoding: data, as: UTF8.self), source: "fuzz")
        case .boundaries:
            _ = try? BoundaryImport(units: BuiltInGazetteer.all, source: "fuzz").run(data)
        }
    }

    static let key = SymmetricKey(data: Data(repeating: 7, count: 32))
    static let keyRing = try! KeyRing(versions: [KeyRing.Version(number: 1, secret: key)])
    static let sealer = FieldSealer(keyRing: keyRing)
    static let tokenizer = SearchTokenizer(key: key)

    static func csvImport(_ mapping: CSVMapping) -> EventCSVImport {
        let units = BuiltInGazetteer.all
        let organisation = UUID(uuidString: "01900000-0000-7000-8000-000000000001")!
        return EventCSVImport(
            mapping: mapping,
            validator: EventValidator(vocabulary: .builtIn, units: units, organisations: [organisation]),
            units: units, organisationID: organisation, authorID: organisation)
    }
}
