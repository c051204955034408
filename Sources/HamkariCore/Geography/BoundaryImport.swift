import Foundation

/// An area's simplified outline, matched to the gazetteer unit it belongs to.
public struct Boundary: Hashable, Sendable, Codable {
    public var pcode: String
    public var level: AdminUnit.Level
    public var shape: GeoShape
    public var source: String

    public init(pcode: String, level: AdminUnit.Level, shape: GeoShape, source: String) {
        self.pcode = pcode
        self.level = level
        self.shape = shape
        self.source = source
    }
}

/// Province or district boundaries from a GeoJSON FeatureCollection (geoBoundaries, OCHA COD-AB
/// or any other), matched to P-codes and simplified for small pages. A feature is matched by a
/// P-code in its properties when it has one; otherwise by the gazetteer centroid lying inside it,
/// and then by its name — geoBoundaries carries no P-codes and spells names its own way.
public struct BoundaryImport: Sendable {
    public struct Feature: Sendable {
        public var name: String
        public var pcode: String?
        public var level: AdminUnit.Level?
        public var shape: GeoShape
    }

    public struct Result: Sendable {
        public var boundaries: [Boundary]
        /// Names of the features no unit of the gazetteer matched.
        public var unmatched: [String]
        public var level: AdminUnit.Level
        public var pointsBefore: Int
        public var pointsAfter: Int
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notGeoJSON(String)
        case noFeatures
        case unknownLevel
        case mixedLevels
        case nothingMatched

        public var description: String {
            switch self {
            case .notGeoJSON(let detail): "The file is not a GeoJSON FeatureCollection of polygons (\(detail))."
            case .noFeatures: "The file holds no polygon features."
            case .unknownLevel: "The file does not say whether it holds provinces or districts (no shapeType ADM1/ADM2): give --level."
            case .mixedLevels: "The file mixes provinces and districts; import one level at a time."
            case .nothingMatched: "No feature of the file matched a province or district of the gazetteer."
            }
        }
    }

    /// The default simplification: a hundredth of a degree, about a kilometre.
    public static let defaultTolerance = 0.01

    public var units: [AdminUnit]
    public var tolerance: Double
    public var source: String

    public init(units: [AdminUnit], tolerance: Double = defaultTolerance, source: String) {
        self.units = units
        self.tolerance = tolerance
        self.source = source
    }

    public func run(_ data: Data, level asked: AdminUnit.Level? = nil) throws -> Result {
        let features = try Self.features(in: data)
        guard !features.isEmpty else { throw Failure.noFeatures }
        let levels = Set(features.compactMap(\.level))
        guard levels.count <= 1 else { throw Failure.mixedLevels }
        guard let level = asked ?? levels.first else { throw Failure.unknownLevel }
        let candidates = units.filter { $0.level == level }
        var taken = Set<String>()
        var matched: [(feature: Feature, unit: AdminUnit)] = []
        // P-codes first, so that no other match takes a unit a P-code claims; then centroids; names
        // last, so that a namesake elsewhere (two districts called Baharak) never takes a unit first.
        let claimed = Set(features.compactMap(\.pcode))
        var left = features.filter { $0.pcode != nil } + features.filter { $0.pcode == nil }
        for pass in [Self.byCodeOrCentroid, Self.byName] {
            var unmatched: [Feature] = []
            for feature in left {
                let free = candidates.filter { !taken.contains($0.pcode) && (feature.pcode == $0.pcode || !claimed.contains($0.pcode)) }
                guard let unit = pass(feature, free) else {
                    unmatched.append(feature)
                    continue
                }
                taken.insert(unit.pcode)
                matched.append((feature, unit))
            }
            left = unmatched
        }
        let boundaries = matched.map { Boundary(pcode: $0.unit.pcode, level: level, shape: $0.feature.shape.simplified(tolerance: tolerance), source: source) }
        let unmatched = left.map(\.name)
        guard !boundaries.isEmpty else { throw Failure.nothingMatched }
        return Result(boundaries: boundaries.sorted { $0.pcode < $1.pcode }, unmatched: unmatched.sorted(), level: level,
                      pointsBefore: features.reduce(0) { $0 + $1.shape.pointCount },
                      pointsAfter: boundaries.reduce(0) { $0 + $1.shape.pointCount })
    }

    static func byCodeOrCentroid(_ feature: Feature, among units: [AdminUnit]) -> AdminUnit? {
        if let pcode = feature.pcode, let unit = units.first(where: { $0.pcode == pcode }) { return unit }
        let inside = units.filter { unit in
            guard let latitude = unit.latitude, let longitude = unit.longitude else { return false }
            return feature.shape.contains(GeoPoint(longitude: longitude, latitude: latitude))
        }
        if inside.count <= 1 { return inside.first }
        let named = inside.filter { normalised($0.nameEnglish) == normalised(feature.name) }
        return named.count == 1 ? named[0] : nil
    }

    /// By name, among units without a centroid or with one near the feature (within a quarter of a
    /// degree of its box): a namesake far away is another place.
    static func byName(_ feature: Feature, among units: [AdminUnit]) -> AdminUnit? {
        let box = feature.shape.bounds
        let named = units.filter { unit in
            guard normalised(unit.nameEnglish) == normalised(feature.name) else { return false }
            guard let latitude = unit.latitude, let longitude = unit.longitude else { return true }
            guard let box else { return false }
            return (box.west - 0.25...box.east + 0.25).contains(longitude) && (box.south - 0.25...box.north + 0.25).contains(latitude)
        }
        return named.count == 1 ? named[0] : nil
    }

    /// A name without case, spaces, hyphens or apostrophes: "Sar-e-Pul" and "Sar e Pul" are one.
    static func normalised(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { CharacterSet.letters.contains($0) }.map(Character.init))
    }

    // MARK: - Reading GeoJSON

    private struct Collection: Decodable {
        let type: String
        let features: [FeatureObject]?
    }

    private struct FeatureObject: Decodable {
        let properties: [String: Property]?
        let geometry: Geometry?
    }

    private enum Property: Decodable {
        case text(String), other
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text) } else { self = .other }
        }
        var text: String? { if case .text(let value) = self { value } else { nil } }
    }

    private struct Geometry: Decodable {
        let shape: GeoShape?
        enum Keys: String, CodingKey { case type, coordinates }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            let coordinates: [[[[Double]]]]? = switch try container.decode(String.self, forKey: .type) {
            case "Polygon": [try container.decode([[[Double]]].self, forKey: .coordinates)]
            case "MultiPolygon": try container.decode([[[[Double]]]].self, forKey: .coordinates)
            default: nil
            }
            guard let coordinates else {
                shape = nil
                return
            }
            guard let shape = GeoShape(coordinates: coordinates) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a position is not a longitude and latitude"))
            }
            self.shape = shape
        }
    }

    static func features(in data: Data) throws -> [Feature] {
        let collection: Collection
        do {
            collection = try JSONDecoder().decode(Collection.self, from: data)
        } catch {
            throw Failure.notGeoJSON(Self.reason(error))
        }
        guard collection.type == "FeatureCollection" else { throw Failure.notGeoJSON("its type is \(collection.type.prefix(40))") }
        return (collection.features ?? []).compactMap { object in
            guard let shape = object.geometry?.shape, shape.pointCount > 0 else { return nil }
            let properties = object.properties ?? [:]
            func text(_ keys: [String]) -> String? {
                keys.lazy.compactMap { key in properties.first { $0.key.lowercased() == key }?.value.text }.first { !$0.isEmpty }
            }
            let level: AdminUnit.Level? = switch text(["shapetype", "admin_level", "level"])?.uppercased() {
            case "ADM1", "1": .province
            case "ADM2", "2": .district
            default: nil
            }
            let pcode = text(level == .district ? ["adm2_pcode", "pcode"] : ["adm1_pcode", "pcode"])
            let name = text(["shapename", "adm2_en", "adm1_en", "name_en", "name"]) ?? pcode ?? "?"
            return Feature(name: name, pcode: pcode, level: level, shape: shape)
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?: context.debugDescription.prefix(120).description
        case .keyNotFound(let key, _)?: "no \(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))".prefix(120).description
        default: "unreadable JSON"
        }
    }
}
