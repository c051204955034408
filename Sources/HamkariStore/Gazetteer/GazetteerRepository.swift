import HamkariCore
import SQLKit

/// Provinces and districts by P-code.
public struct GazetteerRepository: Sendable {
    let backend: any DatabaseBackend
    let cache: ReferenceCache

    public func provinces() async throws -> [AdminUnit] {
        try await units(where: { $0.where("level", .equal, AdminUnit.Level.province.rawValue) })
    }

    public func districts(ofProvince pcode: String) async throws -> [AdminUnit] {
        try await units(where: {
            $0.where("level", .equal, AdminUnit.Level.district.rawValue).where("parent_pcode", .equal, pcode)
        })
    }

    /// Every unit, provinces and districts: what validation checks places against.
    public func all() async throws -> [AdminUnit] {
        let repository = self
        return try await cache.value(.gazetteer) { try await repository.units(where: { $0 }) }
    }

    /// Every unit by its P-code.
    public func byPcode() async throws -> [String: AdminUnit] {
        Dictionary(uniqueKeysWithValues: try await all().map { ($0.pcode, $0) })
    }

    public func unit(pcode: String) async throws -> AdminUnit? {
        try await units(where: { $0.where("pcode", .equal, pcode) }).first
    }

    public func count(level: AdminUnit.Level) async throws -> Int {
        try await backend.read { database in
            try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("gazetteer_units").where("level", .equal, level.rawValue)
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Stores a checked P-code list in one transaction: every unit, or (on any failure) none.
    /// Names and centroids already known (for example Dari names) are kept where the list has none.
    public func importUnits(_ units: [AdminUnit], actor: String) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await Self.upsert(units, into: database)
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .gazetteerImported, target: "gazetteer_units:\(units.count)"),
                in: database, dialect: dialect)
        }
        await cache.forget(.gazetteer)
    }

    static func upsert(_ units: [AdminUnit], into database: any SQLDatabase) async throws {
        for unit in units {
            try await database.raw("""
                INSERT INTO gazetteer_units
                    (pcode, level, parent_pcode, name_en, name_fa, latitude, longitude, valid_from, source)
                VALUES (\(bind: unit.pcode), \(bind: unit.level.rawValue), \(bind: unit.parentPcode),
                        \(bind: unit.nameEnglish), \(bind: unit.nameDari), \(bind: unit.latitude),
                        \(bind: unit.longitude), \(bind: unit.validFrom), \(bind: unit.source))
                ON CONFLICT (pcode) DO UPDATE SET
                    level = excluded.level,
                    parent_pcode = excluded.parent_pcode,
                    name_en = excluded.name_en,
                    name_fa = COALESCE(excluded.name_fa, gazetteer_units.name_fa),
                    latitude = COALESCE(excluded.latitude, gazetteer_units.latitude),
                    longitude = COALESCE(excluded.longitude, gazetteer_units.longitude),
                    valid_from = excluded.valid_from,
                    source = excluded.source
                """).run()
        }
    }

    private func units(
        where filter: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder
    ) async throws -> [AdminUnit] {
        try await backend.read { database in
            let query = database.select()
                .columns("pcode", "level", "parent_pcode", "name_en", "name_fa", "latitude", "longitude", "valid_from", "source")
                .from("gazetteer_units")
            return try await filter(query).orderBy("pcode").all().map(Self.decode)
        }
    }

    private static func decode(_ row: any SQLRow) throws -> AdminUnit {
        let levelNumber = try row.decode(column: "level", as: Int.self)
        guard let level = AdminUnit.Level(rawValue: levelNumber) else {
            throw StoreError.invalid(reason: "gazetteer unit has unknown level \(levelNumber)")
        }
        return AdminUnit(
            pcode: try row.decode(column: "pcode", as: String.self),
            level: level,
            parentPcode: try row.decode(column: "parent_pcode", as: String.self),
            nameEnglish: try row.decode(column: "name_en", as: String.self),
            nameDari: try row.decode(column: "name_fa", as: String?.self),
            latitude: try row.decode(column: "latitude", as: Double?.self),
            longitude: try row.decode(column: "longitude", as: Double?.self),
            validFrom: try row.decode(column: "valid_from", as: String.self),
            source: try row.decode(column: "source", as: String.self)
        )
    }
}
