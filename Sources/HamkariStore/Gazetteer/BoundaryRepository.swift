import Foundation
import HamkariCore
import SQLKit

/// The outlines the maps are drawn from.
public struct BoundaryRepository: Sendable {
    let backend: any DatabaseBackend
    let cache: ReferenceCache

    /// Stores matched boundaries in one transaction, replacing those of the same units.
    public func importBoundaries(_ boundaries: [Boundary], actor: String) async throws {
        let dialect = backend.dialect
        let now = Int64(Date().timeIntervalSince1970)
        let encoded = try boundaries.map { ($0, String(decoding: try JSONEncoder().encode($0.shape), as: UTF8.self)) }
        try await backend.transaction { database in
            for (boundary, shape) in encoded {
                try await database.raw("""
                    INSERT INTO gazetteer_boundaries (pcode, level, shape, source, imported_at)
                    VALUES (\(bind: boundary.pcode), \(bind: boundary.level.rawValue), \(bind: shape), \(bind: boundary.source), \(bind: now))
                    ON CONFLICT (pcode) DO UPDATE SET level = excluded.level, shape = excluded.shape,
                        source = excluded.source, imported_at = excluded.imported_at
                    """).run()
            }
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .boundariesImported, target: "gazetteer_boundaries:\(boundaries.count)"),
                in: database, dialect: dialect)
        }
        await cache.forget(.boundaries)
    }

    /// Every stored boundary of a level, by P-code.
    public func boundaries(level: AdminUnit.Level) async throws -> [String: Boundary] {
        let backend = backend
        let all = try await cache.value(.boundaries) {
            try await backend.read { database in
                try await database.select().columns("pcode", "level", "shape", "source").from("gazetteer_boundaries").all().map { row in
                    let levelNumber = try row.decode(column: "level", as: Int.self)
                    guard let level = AdminUnit.Level(rawValue: levelNumber) else {
                        throw StoreError.invalid(reason: "boundary has unknown level \(levelNumber)")
                    }
                    let shape = try JSONDecoder().decode(GeoShape.self, from: Data(try row.decode(column: "shape", as: String.self).utf8))
                    return Boundary(pcode: try row.decode(column: "pcode", as: String.self), level: level, shape: shape,
                                    source: try row.decode(column: "source", as: String.self))
                }
            }
        }
        return Dictionary(all.filter { $0.level == level }.map { ($0.pcode, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
