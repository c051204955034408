import Foundation
import HamkariCore
import SQLKit

/// The network's member organisations.
public struct OrganisationRepository: Sendable {
    let backend: any DatabaseBackend
    let cache: ReferenceCache

    public func create(_ organisation: Organisation) async throws {
        guard !organisation.names.english.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalid(reason: "An organisation needs an English name.")
        }
        try await backend.transaction { database in
            try await Self.insert(organisation, into: database)
        }
        await cache.forget(.organisations)
    }

    static func insert(_ organisation: Organisation, into database: any SQLDatabase) async throws {
        try await database.insert(into: "organisations")
            .columns("id", "name_en", "name_fa", "name_ps", "name_uz", "kind", "province_pcode", "district_pcode", "created_at")
            .values(
                SQLBind(organisation.id.text), SQLBind(organisation.names.english),
                SQLBind(organisation.names.dari), SQLBind(organisation.names.pashto), SQLBind(organisation.names.uzbek),
                SQLBind(organisation.kind.rawValue), SQLBind(organisation.provincePcode), SQLBind(organisation.districtPcode),
                SQLBind(Int64(organisation.createdAt.timeIntervalSince1970))
            )
            .run()
    }

    public func all() async throws -> [Organisation] {
        let backend = self.backend
        return try await cache.value(.organisations) {
            try await backend.read { database in
                try await Self.selectColumns(database).orderBy("name_en").all().map(Self.decode)
            }
        }
    }

    public func find(id: UUID) async throws -> Organisation? {
        try await backend.read { database in
            try await Self.selectColumns(database).where("id", .equal, id.text).first().map(Self.decode)
        }
    }

    public func count() async throws -> Int {
        try await backend.read { database in
            try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("organisations").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    private static func selectColumns(_ database: any SQLDatabase) -> SQLSelectBuilder {
        database.select()
            .columns("id", "name_en", "name_fa", "name_ps", "name_uz", "kind", "province_pcode", "district_pcode", "created_at")
            .from("organisations")
    }

    private static func decode(_ row: any SQLRow) throws -> Organisation {
        let idText = try row.decode(column: "id", as: String.self)
        let kindText = try row.decode(column: "kind", as: String.self)
        guard let id = UUID(uuidString: idText) else { throw StoreError.invalid(reason: "organisation id is not a UUID") }
        return Organisation(
            id: id,
            names: LocalizedNames(
                english: try row.decode(column: "name_en", as: String.self),
                dari: try row.decode(column: "name_fa", as: String?.self),
                pashto: try row.decode(column: "name_ps", as: String?.self),
                uzbek: try row.decode(column: "name_uz", as: String?.self)
            ),
            kind: Organisation.Kind(rawValue: kindText) ?? .other,
            provincePcode: try row.decode(column: "province_pcode", as: String?.self),
            districtPcode: try row.decode(column: "district_pcode", as: String?.self),
            createdAt: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "created_at", as: Int64.self)))
        )
    }
}
