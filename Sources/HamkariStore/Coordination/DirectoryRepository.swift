import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// The member directory: each organisation's areas, themes, memberships of networks and focal
/// points. Focal points' contacts are sealed; opening them is audited.
public struct DirectoryRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys
    let cache: ReferenceCache

    static let sealedColumns: [(table: String, columns: [String])] = [("focal_points", ["contact_sealed"])]

    /// Every organisation with its areas, themes and memberships (focal points without contacts).
    public func profiles() async throws -> [OrganisationProfile] {
        let organisations = try await OrganisationRepository(backend: backend, cache: cache).all()
        return try await backend.read { database in
            var areas: [UUID: [String]] = [:]
            for row in try await database.select().columns("organisation_id", "pcode").from("organisation_areas").orderBy("pcode").all() {
                areas[try row.uuid("organisation_id"), default: []].append(try row.text("pcode"))
            }
            var themes: [UUID: [Theme]] = [:]
            for row in try await database.select().columns("id", "themes").from("organisations").all() {
                themes[try row.uuid("id")] = try row.text("themes").split(separator: ",").compactMap { Theme(rawValue: String($0)) }
            }
            let memberships = Dictionary(grouping: try await Self.memberships(in: database), by: \.organisationID)
            var focalPoints: [UUID: [FocalPoint]] = [:]
            for row in try await database.select().columns("id", "organisation_id", "user_id").from("focal_points").orderBy("created_at").all() {
                focalPoints[try row.uuid("organisation_id"), default: []].append(
                    FocalPoint(id: try row.uuid("id"), accountID: try row.optionalUUID("user_id")))
            }
            return organisations.map { organisation in
                OrganisationProfile(organisation: organisation, areas: areas[organisation.id] ?? [], themes: themes[organisation.id] ?? [],
                                    memberships: memberships[organisation.id] ?? [], focalPoints: focalPoints[organisation.id] ?? [])
            }
        }
    }

    public func profile(of id: UUID) async throws -> OrganisationProfile? {
        try await profiles().first { $0.organisation.id == id }
    }

    /// The organisations working in a district (the district itself or its whole province) and on a theme.
    public func directory(district: String? = nil, province: String? = nil, theme: Theme? = nil) async throws -> [OrganisationProfile] {
        let parents = Dictionary(uniqueKeysWithValues: try await GazetteerRepository(backend: backend, cache: cache).all()
            .filter { $0.level == .district }.map { ($0.pcode, $0.parentPcode) })
        return try await profiles().filter { profile in
            if let district, !profile.covers(district: district, province: parents[district] ?? "") { return false }
            if let province, !profile.areas.contains(where: { area in area == province || parents[area] == province }) { return false }
            if let theme, !profile.themes.contains(theme) { return false }
            return true
        }
    }

    /// Creates an organisation with its profile; audited.
    public func create(_ profile: OrganisationProfile, actor: String) async throws {
        try Self.check(profile.organisation)
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await OrganisationRepository.insert(profile.organisation, into: database)
            try await Self.writeProfile(profile, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .organisationCreated, target: profile.organisation.id.text),
                                                in: database, dialect: dialect)
        }
        await cache.forget(.organisations)
    }

    /// Changes an organisation's names, kind, base, areas and themes (not its memberships or focal points).
    public func update(_ profile: OrganisationProfile, actor: String) async throws {
        try Self.check(profile.organisation)
        let dialect = backend.dialect
        let organisation = profile.organisation
        try await backend.transaction { database in
            guard try await database.select().column("id").from("organisations").where("id", .equal, organisation.id.text).first() != nil else {
                throw StoreError.notFound(what: "The organisation")
            }
            try await database.update("organisations")
                .set("name_en", to: organisation.names.english).set("name_fa", to: organisation.names.dari)
                .set("name_ps", to: organisation.names.pashto).set("name_uz", to: organisation.names.uzbek)
                .set("kind", to: organisation.kind.rawValue).set("province_pcode", to: organisation.provincePcode)
                .set("district_pcode", to: organisation.districtPcode)
                .where("id", .equal, organisation.id.text).run()
            try await database.delete(from: "organisation_areas").where("organisation_id", .equal, organisation.id.text).run()
            try await Self.writeProfile(profile, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .organisationUpdated, target: organisation.id.text),
                                                in: database, dialect: dialect)
        }
        await cache.forget(.organisations)
    }

    private static func check(_ organisation: Organisation) throws {
        guard !organisation.names.english.trimmingWhiteSpace.isEmpty else {
            throw StoreError.invalid(reason: "An organisation needs an English name.")
        }
    }

    static func writeProfile(_ profile: OrganisationProfile, in database: any SQLDatabase) async throws {
        let id = profile.organisation.id.text
        try await database.update("organisations").set("themes", to: profile.themes.map(\.rawValue).joined(separator: ","))
            .where("id", .equal, id).run()
        var areas = InsertBatch(order: ["organisation_areas"])
        for pcode in Set(profile.areas).sorted() {
            var row = Row()
            row.set("organisation_id", id)
            row.set("pcode", pcode)
            areas.add(row, to: "organisation_areas")
        }
        try await areas.write(to: database)
    }

    // MARK: - Networks

    public func networks() async throws -> [Network] {
        try await backend.read { database in
            try await database.select().columns("id", "name_en", "name_fa", "name_ps", "name_uz", "region", "created_at").from("networks")
                .orderBy("name_en").all().map { row in
                    Network(id: try row.uuid("id"),
                            names: LocalizedNames(english: try row.text("name_en"), dari: try row.optionalText("name_fa"),
                                                  pashto: try row.optionalText("name_ps"), uzbek: try row.optionalText("name_uz")),
                            region: try row.text("region").split(separator: ",").map(String.init), createdAt: try row.date("created_at"))
                }
        }
    }

    public func createNetwork(_ network: Network, actor: String) async throws {
        guard !network.names.english.trimmingWhiteSpace.isEmpty else { throw StoreError.invalid(reason: "A network needs an English name.") }
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await Self.insert(network, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .networkCreated, target: network.id.text),
                                                in: database, dialect: dialect)
        }
    }

    static func insert(_ network: Network, in database: any SQLDatabase) async throws {
        try await database.insert(into: "networks").columns("id", "name_en", "name_fa", "name_ps", "name_uz", "region", "created_at")
            .values(SQLBind(network.id.text), SQLBind(network.names.english), SQLBind(network.names.dari), SQLBind(network.names.pashto),
                    SQLBind(network.names.uzbek), SQLBind(network.region.joined(separator: ",")), SQLBind(network.createdAt.epochSeconds))
            .run()
    }

    public func memberships(of networkID: UUID? = nil) async throws -> [NetworkMembership] {
        try await backend.read { database in
            try await Self.memberships(in: database).filter { networkID == nil || $0.networkID == networkID }
        }
    }

    /// Makes an organisation a member (or observer, …) of a network, or changes its standing there.
    public func setMembership(_ membership: NetworkMembership, actor: String) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            for (table, id) in [("networks", membership.networkID), ("organisations", membership.organisationID)] {
                guard try await database.select().column("id").from(table).where("id", .equal, id.text).first() != nil else {
                    throw StoreError.notFound(what: table == "networks" ? "The network" : "The organisation")
                }
            }
            try await Self.upsert(membership, in: database)
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .membershipChanged,
                           target: "\(membership.organisationID.text) in \(membership.networkID.text): \(membership.status.rawValue)"),
                in: database, dialect: dialect)
        }
    }

    static func upsert(_ membership: NetworkMembership, in database: any SQLDatabase) async throws {
        try await database.raw("""
            INSERT INTO network_memberships (network_id, organisation_id, status, since)
            VALUES (\(bind: membership.networkID.text), \(bind: membership.organisationID.text), \(bind: membership.status.rawValue),
                    \(bind: membership.since?.numeric))
            ON CONFLICT (network_id, organisation_id) DO UPDATE SET status = excluded.status, since = excluded.since
            """).run()
    }

    static func memberships(in database: any SQLDatabase) async throws -> [NetworkMembership] {
        try await database.select().columns("network_id", "organisation_id", "status", "since").from("network_memberships")
            .orderBy("network_id").all().map { row in
                NetworkMembership(networkID: try row.uuid("network_id"), organisationID: try row.uuid("organisation_id"),
                                  status: try row.enumValue("status", as: NetworkMembership.Status.self),
                                  since: try row.optionalText("since").flatMap(CalendarDay.init(iso:)))
            }
    }

    // MARK: - Focal points

    public func addFocalPoint(_ point: FocalPoint, to organisationID: UUID, actor: String) async throws {
        let sealing = Sealing(keys: keys, table: "focal_points")
        let sealed = try point.contact.map { try sealing.seal(json: StoredContact($0), id: point.id.text, field: "contact_sealed") }
        let dialect = backend.dialect
        try await backend.transaction { database in
            guard try await database.select().column("id").from("organisations").where("id", .equal, organisationID.text).first() != nil else {
                throw StoreError.notFound(what: "The organisation")
            }
            try await database.insert(into: "focal_points").columns("id", "organisation_id", "user_id", "contact_sealed", "created_at")
                .values(SQLBind(point.id.text), SQLBind(organisationID.text), SQLBind(point.accountID?.text), SQLBind(sealed),
                        SQLBind(Date().epochSeconds)).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .focalPointAdded, target: "\(organisationID.text) \(point.id.text)"),
                                                in: database, dialect: dialect)
        }
    }

    public func removeFocalPoint(_ id: UUID, of organisationID: UUID, actor: String) async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            guard try await database.select().column("id").from("focal_points").where("id", .equal, id.text)
                .where("organisation_id", .equal, organisationID.text).first() != nil else { throw StoreError.notFound(what: "The focal point") }
            try await database.delete(from: "focal_points").where("id", .equal, id.text).run()
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .focalPointRemoved, target: "\(organisationID.text) \(id.text)"),
                                                in: database, dialect: dialect)
        }
    }

    /// An organisation's focal points with their sealed contacts opened; the reading is audited.
    /// The caller has checked that `viewer` may read them (`CoordinationPolicy.mayReadContacts`).
    public func focalPointsRevealing(of organisationID: UUID, viewer: String) async throws -> [FocalPoint] {
        let sealing = Sealing(keys: keys, table: "focal_points")
        let dialect = backend.dialect
        return try await backend.transaction { database in
            let points = try await database.select().columns("id", "user_id", "contact_sealed").from("focal_points")
                .where("organisation_id", .equal, organisationID.text).orderBy("created_at").all().map { row in
                    let id = try row.text("id")
                    let contact = try row.decode(column: "contact_sealed", as: Data?.self) == nil
                        ? nil : try sealing.open(json: StoredContact.self, row, "contact_sealed", id: id).contact
                    return FocalPoint(id: try row.uuid("id"), accountID: try row.optionalUUID("user_id"), contact: contact)
                }
            if points.contains(where: { $0.contact != nil }) {
                try await AuditLogRepository.append(AuditEvent(actor: viewer, action: .focalPointsViewed, target: organisationID.text),
                                                    in: database, dialect: dialect)
            }
            return points
        }
    }

    /// The sealed form of a contact (one JSON value).
    struct StoredContact: Codable {
        var name: String
        var role: String?
        var phone: String?
        var email: String?
        var messenger: String?

        init(_ contact: FocalPointContact) {
            name = contact.name
            role = contact.role
            phone = contact.phone
            email = contact.email
            messenger = contact.messenger
        }

        var contact: FocalPointContact { FocalPointContact(name: name, role: role, phone: phone, email: email, messenger: messenger) }
    }
}
