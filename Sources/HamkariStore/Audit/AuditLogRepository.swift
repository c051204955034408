import Crypto
import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// The append-only audit log. Each entry is appended in the same transaction as the change it
/// records, so a change is never stored without its entry; its RFC 6962 leaf hash is stored beside it.
public struct AuditLogRepository: Sendable {
    static let appendLockKey = 0x4155_4449  // "AUDI"

    let backend: any DatabaseBackend
    let keys: InstanceKeys

    /// Appends in a transaction of its own.
    @discardableResult
    public func append(_ event: AuditEvent) async throws -> AuditEntry {
        let dialect = backend.dialect
        return try await backend.transaction { database in
            try await Self.append(event, in: database, dialect: dialect)
        }
    }

    /// Appends inside the caller's transaction. Sequence numbers have no gaps: the next is taken
    /// under the write lock (SQLite's single writer; an advisory lock on PostgreSQL).
    @discardableResult
    static func append(_ event: AuditEvent, in database: any SQLDatabase, dialect: DatabaseDialect) async throws -> AuditEntry {
        try await append([event], in: database, dialect: dialect)[0]
    }

    /// Appends several entries, numbered in order, with one look-up of the last number and one insert.
    @discardableResult
    static func append(_ events: [AuditEvent], in database: any SQLDatabase, dialect: DatabaseDialect) async throws -> [AuditEntry] {
        guard !events.isEmpty else { return [] }
        if dialect == .postgres {
            try await database.raw("SELECT pg_advisory_xact_lock(\(literal: appendLockKey))").run()
        }
        let last = try await database.select().column(SQLFunction("max", args: SQLColumn("sequence")), as: "last")
            .from("audit_log").first()?.decode(column: "last", as: Int64?.self) ?? nil
        let time = Int64(Date().timeIntervalSince1970)
        let entries = events.enumerated().map { offset, event in
            AuditEntry(sequence: (last ?? 0) + 1 + Int64(offset), time: time,
                       actor: event.actor, action: event.action.rawValue, target: event.target, outcome: event.outcome.rawValue)
        }
        var batch = InsertBatch(order: ["audit_log"])
        for entry in entries {
            var row = Row()
            row.set("sequence", entry.sequence)
            row.set("time", entry.time)
            row.set("actor", entry.actor)
            row.set("action", entry.action)
            row.set("target", entry.target)
            row.set("outcome", entry.outcome)
            row.set("leaf_hash", entry.leafHash)
            batch.add(row, to: "audit_log")
        }
        try await batch.write(to: database)
        return entries
    }

    /// The newest entries first, for the coordinator's audit page.
    public func recent(limit: Int, before sequence: Int64? = nil) async throws -> [AuditEntry] {
        try await backend.read { database in
            var query = database.select().columns("sequence", "time", "actor", "action", "target", "outcome", "leaf_hash")
                .from("audit_log")
            if let sequence { query = query.where("sequence", .lessThan, sequence) }
            return try await query.orderBy("sequence", .descending).limit(limit).all().map { try Self.decode($0).entry }
        }
    }

    public func lastCheckpointSize() async throws -> Int? {
        try await backend.read { database in
            try await database.select().column(SQLFunction("max", args: SQLColumn("tree_size")), as: "size")
                .from("audit_checkpoints").first()?.decode(column: "size", as: Int?.self) ?? nil
        }
    }

    public func count() async throws -> Int {
        try await backend.read { database in
            try await database.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("audit_log").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Signs the log's current state and stores the checkpoint; returns it for members to keep.
    public func checkpoint(actor: String) async throws -> AuditCheckpoint {
        let key = keys.auditSigningKey
        let dialect = backend.dialect
        return try await backend.transaction { database in
            try await Self.append(AuditEvent(actor: actor, action: .auditCheckpoint, target: "audit_log"), in: database, dialect: dialect)
            let leaves = try await Self.storedEntries(database).map(\.entry.leafHash)
            let checkpoint = try AuditCheckpoint.sign(
                treeSize: leaves.count, rootHash: MerkleTree.rootHash(leafHashes: leaves),
                time: Int64(Date().timeIntervalSince1970), key: key)
            try await database.insert(into: "audit_checkpoints")
                .columns("tree_size", "root_hash", "time", "public_key", "signature")
                .values(SQLBind(Int64(checkpoint.treeSize)), SQLBind(checkpoint.rootHash), SQLBind(checkpoint.time),
                        SQLBind(checkpoint.publicKey), SQLBind(checkpoint.signature))
                .run()
            return checkpoint
        }
    }

    /// Recomputes the tree and checks it against every stored checkpoint and any given from outside.
    public func verify(extraCheckpoints: [AuditCheckpoint] = [], trustedKey: Data? = nil) async throws -> AuditVerifier.Report {
        let (stored, checkpoints) = try await backend.read { database in
            (try await Self.storedEntries(database), try await Self.checkpoints(database))
        }
        let trusted = trustedKey ?? keys.auditSigningKey.publicKey.rawRepresentation
        return AuditVerifier.verify(stored, checkpoints: checkpoints + extraCheckpoints, trustedKey: trusted)
    }

    static func storedEntries(_ database: any SQLDatabase) async throws -> [AuditVerifier.StoredEntry] {
        try await database.select().columns("sequence", "time", "actor", "action", "target", "outcome", "leaf_hash")
            .from("audit_log").orderBy("sequence").all().map(decode)
    }

    static func checkpoints(_ database: any SQLDatabase) async throws -> [AuditCheckpoint] {
        try await database.select().columns("tree_size", "root_hash", "time", "public_key", "signature")
            .from("audit_checkpoints").orderBy("tree_size").all().map { row in
                AuditCheckpoint(
                    treeSize: Int(try row.decode(column: "tree_size", as: Int64.self)),
                    rootHash: try row.decode(column: "root_hash", as: Data.self),
                    time: try row.decode(column: "time", as: Int64.self),
                    publicKey: try row.decode(column: "public_key", as: Data.self),
                    signature: try row.decode(column: "signature", as: Data.self))
            }
    }

    static func decode(_ row: any SQLRow) throws -> AuditVerifier.StoredEntry {
        AuditVerifier.StoredEntry(
            entry: AuditEntry(
                sequence: try row.decode(column: "sequence", as: Int64.self),
                time: try row.decode(column: "time", as: Int64.self),
                actor: try row.decode(column: "actor", as: String.self),
                action: try row.decode(column: "action", as: String.self),
                target: try row.decode(column: "target", as: String.self),
                outcome: try row.decode(column: "outcome", as: String.self)),
            storedLeafHash: try row.decode(column: "leaf_hash", as: Data.self))
    }
}
