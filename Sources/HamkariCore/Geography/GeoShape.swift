import Foundation

/// A point in longitude and latitude (WGS 84, as GeoJSON writes them).
public struct GeoPoint: Hashable, Sendable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// An area's outline: polygons, each an outer ring followed by its holes.
public struct GeoShape: Hashable, Sendable {
    public typealias Ring = [GeoPoint]
    public var polygons: [[Ring]]

    public init(polygons: [[Ring]]) {
        self.polygons = polygons
    }

    public var pointCount: Int { polygons.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } }

    public var bounds: (west: Double, south: Double, east: Double, north: Double)? {
        let points = polygons.flatMap { $0.flatMap { $0 } }
        guard let first = points.first else { return nil }
        return points.reduce((first.longitude, first.latitude, first.longitude, first.latitude)) { box, point in
            (min(box.0, point.longitude), min(box.1, point.latitude), max(box.2, point.longitude), max(box.3, point.latitude))
        }
    }

    /// Whether the point lies inside (in an outer ring and in none of its holes): ray casting.
    public func contains(_ point: GeoPoint) -> Bool {
        polygons.contains { polygon in
            guard let outer = polygon.first, Self.ring(outer, contains: point) else { return false }
            return !polygon.dropFirst().contains { Self.ring($0, contains: point) }
        }
    }

    static func ring(_ ring: Ring, contains point: GeoPoint) -> Bool {
        var inside = false
        var previous = ring.last ?? point
        for current in ring {
            if (current.latitude > point.latitude) != (previous.latitude > point.latitude) {
                let crossing = (previous.longitude - current.longitude) * (point.latitude - current.latitude)
                    / (previous.latitude - current.latitude) + current.longitude
                if point.longitude < crossing { inside.toggle() }
            }
            previous = current
        }
        return inside
    }

    /// Where a symbol for the area goes: the area-weighted centroid of its largest polygon's outer ring.
    public var centre: GeoPoint? {
        let rings = polygons.compactMap(\.first).filter { $0.count >= 3 }
        guard let largest = rings.max(by: { abs(Self.area($0)) < abs(Self.area($1)) }) else { return nil }
        let area = Self.area(largest)
        guard abs(area) > 1e-12 else { return largest.first }
        var x = 0.0, y = 0.0
        for (a, b) in zip(largest, largest.dropFirst() + [largest[0]]) {
            let cross = a.longitude * b.latitude - b.longitude * a.latitude
            x += (a.longitude + b.longitude) * cross
            y += (a.latitude + b.latitude) * cross
        }
        return GeoPoint(longitude: x / (6 * area), latitude: y / (6 * area))
    }

    static func area(_ ring: Ring) -> Double {
        zip(ring, ring.dropFirst() + ring.prefix(1)).reduce(0) { $0 + ($1.0.longitude * $1.1.latitude - $1.1.longitude * $1.0.latitude) } / 2
    }

    /// The outline with every ring simplified by Douglas–Peucker within `tolerance` degrees; rings
    /// that would shrink below a triangle are dropped (holes) or kept as they were (outer rings).
    public func simplified(tolerance: Double) -> GeoShape {
        GeoShape(polygons: polygons.compactMap { polygon -> [Ring]? in
            guard let outer = polygon.first else { return nil }
            let simplifiedOuter = Self.simplify(outer, tolerance: tolerance)
            let holes = polygon.dropFirst().map { Self.simplify($0, tolerance: tolerance) }.filter { $0.count >= 4 }
            return [simplifiedOuter.count >= 4 ? simplifiedOuter : outer] + holes
        })
    }

    static func simplify(_ ring: Ring, tolerance: Double) -> Ring {
        guard ring.count > 4 else { return ring }
        var keep = Array(repeating: false, count: ring.count)
        keep[0] = true
        keep[ring.count - 1] = true
        // A closed ring's two ends are one point: split it at the point farthest from them too.
        let far = (1..<(ring.count - 1)).max { distanceSquared(ring[$0], ring[0]) < distanceSquared(ring[$1], ring[0]) } ?? 1
        keep[far] = true
        var spans = [(0, far), (far, ring.count - 1)]
        let limit = tolerance * tolerance
        while let (start, end) = spans.popLast() {
            guard end > start + 1 else { continue }
            var farthest = start, distance = -1.0
            for index in (start + 1)..<end {
                let candidate = segmentDistanceSquared(ring[index], ring[start], ring[end])
                if candidate > distance { (farthest, distance) = (index, candidate) }
            }
            if distance > limit {
                keep[farthest] = true
                spans.append((start, farthest))
                spans.append((farthest, end))
            }
        }
        return ring.indices.filter { keep[$0] }.map { ring[$0] }
    }

    static func distanceSquared(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let dx = a.longitude - b.longitude, dy = a.latitude - b.latitude
        return dx * dx + dy * dy
    }

    static func segmentDistanceSquared(_ point: GeoPoint, _ a: GeoPoint, _ b: GeoPoint) -> Double {
        let dx = b.longitude - a.longitude, dy = b.latitude - a.latitude
        let length = dx * dx + dy * dy
        guard length > 0 else { return distanceSquared(point, a) }
        let t = max(0, min(1, ((point.longitude - a.longitude) * dx + (point.latitude - a.latitude) * dy) / length))
        return distanceSquared(point, GeoPoint(longitude: a.longitude + t * dx, latitude: a.latitude + t * dy))
    }
}

extension GeoShape: Codable {
    /// Stored as GeoJSON MultiPolygon coordinates, to five decimals (about a metre).
    public init(from decoder: any Decoder) throws {
        guard let shape = GeoShape(coordinates: try decoder.singleValueContainer().decode([[[[Double]]]].self)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a position is not a longitude and latitude"))
        }
        self = shape
    }

    /// From GeoJSON MultiPolygon coordinates; nil when a position is not a longitude and latitude.
    public init?(coordinates: [[[[Double]]]]) {
        var polygons: [[Ring]] = []
        for polygon in coordinates {
            var rings: [Ring] = []
            for ring in polygon {
                var points: Ring = []
                for pair in ring {
                    guard pair.count >= 2, pair[0].isFinite, pair[1].isFinite, abs(pair[0]) <= 180, abs(pair[1]) <= 90 else { return nil }
                    points.append(GeoPoint(longitude: pair[0], latitude: pair[1]))
                }
                rings.append(points)
            }
            polygons.append(rings)
        }
        self.polygons = polygons
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(polygons.map { $0.map { $0.map { [Self.round($0.longitude), Self.round($0.latitude)] } } })
    }

    static func round(_ value: Double) -> Double { (value * 100_000).rounded() / 100_000 }
}
