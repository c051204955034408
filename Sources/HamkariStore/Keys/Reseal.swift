import Foundation
import HamkariSecurity
import SQLKit

/// After `hamkari key rotate`, moves every sealed value to the newest key version, so that the
/// old version can one day be retired. Values already on the newest version are left alone.
public struct ResealPass: Sendable {
    struct SealedColumns {
        let table: String
        let columns: [String]
    }

    /// Every table column that holds sealed values. A new sealed column is added here.
    static let sealedColumns = [
        SealedColumns(table: UserRepository.table, columns: UserRepository.sealedColumns),
    ] + EventRepository.sealedColumns.map { SealedColumns(table: $0.table, columns: $0.columns) } + [
        SealedColumns(table: "defenders", columns: DefenderRepository.sealedColumns),
        SealedColumns(table: "outbox", columns: ["message_sealed"]),
    ] + ProtectionRecordsRepository.sealedColumns.map { SealedColumns(table: $0.table, columns: $0.columns) }
        + DirectoryRepository.sealedColumns.map { SealedColumns(table: $0.table, columns: $0.columns) }
        + MeetingRepository.sealedColumns.map { SealedColumns(table: $0.table, columns: $0.columns) }
        + ReferralRepository.sealedColumns.map { SealedColumns(table: $0.table, columns: $0.columns) }
        + AnnouncementRepository.sealedColumns.map { SealedColumns(table: $0.table, columns: $0.columns) }
        + ServiceIssueRepository.sealedColumns.map { SealedColumns(table: $0.table, columns: $0.columns) }

    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Returns how many values were re-sealed.
    public func run(actor: String) async throws -> Int {
        let keys = store.keys
        let dialect = store.backend.dialect
        return try await store.backend.transaction { database in
            var moved = 0
            for entry in Self.sealedColumns {
                let rows = try await database.select().column("id").columns(entry.columns.map { SQLColumn($0) })
                    .from(entry.table).all()
                for row in rows {
                    let id = try row.decode(column: "id", as: String.self)
                    for column in entry.columns {
                        guard let sealed = try row.decode(column: column, as: Data?.self),
                              FieldSealer.keyVersion(of: sealed) != keys.keyRing.current else { continue }
                        let context = SealContext(table: entry.table, recordID: id, field: column)
                        let resealed = try keys.sealer.seal(try keys.sealer.open(sealed, context: context), context: context)
                        try await database.update(entry.table).set(column, to: SQLBind(resealed)).where("id", .equal, id).run()
                        moved += 1
                    }
                }
            }
            try await AuditLogRepository.append(
                AuditEvent(actor: actor, action: .keysResealed, target: "v\(keys.keyRing.current)"), in: database, dialect: dialect)
            return moved
        }
    }
}

import HamkariCore
