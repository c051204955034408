import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Evidence files, encrypted in 1 MiB chunks inside the database (the same code on SQLite and
/// PostgreSQL, and one backup holds everything). Each chunk is sealed under the evidence subkey
/// bound to its file, variant, position and whether it is the last, so chunks cannot be swapped,
/// reordered or cut off unnoticed. An upload writes chunks as they arrive, in short transactions,
/// and becomes visible only when complete; an interrupted one is removed.
public struct EvidenceRepository: Sendable {
    let backend: any DatabaseBackend
    let keys: InstanceKeys

    public static let chunkSize = 1 << 20
    /// Working copies are made in memory; larger files keep only their original.
    public static let workingCopyLimit = 64 << 20

    struct Metadata: Codable {
        var filename: String
        var mediaType: String
        var sha256: String
    }

    var sealer: FieldSealer { FieldSealer(keyRing: keys.keyRing, purpose: .evidence) }

    static func context(_ id: UUID, _ variant: EvidenceFile.Variant, _ sequence: Int, last: Bool) -> SealContext {
        SealContext(table: "evidence_chunks", recordID: "\(id.text)/\(variant.rawValue)/\(sequence)", field: last ? "final" : "part")
    }

    /// An upload in progress: feed it bytes, then `finish` or `abort`.
    public struct Upload: Sendable {
        public let id: UUID
        let eventID: UUID
        let filename: String
        let mediaType: String
        let actor: String
        var buffer = Data()
        var pending: Data?
        var sequence = 0
        var size = 0
        var digest = StreamingDigest()
    }

    public func begin(eventID: UUID, filename: String, mediaType: String, actor: String) async throws -> Upload {
        let upload = Upload(id: UUIDv7.make(), eventID: eventID, filename: filename, mediaType: mediaType, actor: actor)
        try await backend.transaction { database in
            var row = Row()
            row.set("id", upload.id.text)
            row.set("event_id", eventID.text)
            row.set("state", "uploading")
            row.set("size", 0)
            row.set("uploaded_by", actor)
            row.set("created_at", Date().epochSeconds)
            try await row.insert(into: "evidence_files", database)
        }
        return upload
    }

    public func append(_ data: Data, to upload: inout Upload, limit: Int) async throws {
        upload.size += data.count
        guard upload.size <= limit else { throw StoreError.invalid(reason: "The file is larger than the limit.") }
        upload.digest.update(data)
        upload.buffer.append(data)
        while upload.buffer.count >= Self.chunkSize {
            let chunk = upload.buffer.prefix(Self.chunkSize)
            upload.buffer = Data(upload.buffer.dropFirst(Self.chunkSize))
            try await push(Data(chunk), &upload)
        }
    }

    /// Holds one chunk back, so the last one can be sealed as last.
    private func push(_ chunk: Data, _ upload: inout Upload) async throws {
        if let pending = upload.pending {
            try await writeChunk(pending, id: upload.id, variant: .original, sequence: upload.sequence, last: false)
            upload.sequence += 1
        }
        upload.pending = chunk
    }

    private func writeChunk(_ data: Data, id: UUID, variant: EvidenceFile.Variant, sequence: Int, last: Bool) async throws {
        let sealed = try sealer.seal(data, context: Self.context(id, variant, sequence, last: last))
        try await backend.transaction { database in
            var row = Row()
            row.set("evidence_id", id.text)
            row.set("variant", variant.rawValue)
            row.set("sequence", sequence)
            row.set("data", sealed)
            try await row.insert(into: "evidence_chunks", database)
        }
    }

    /// Completes the upload: seals the last chunk, records metadata, custody and audit; with
    /// `workingCopy`, also stores a copy of a JPEG or PNG without its metadata.
    public func finish(_ upload: Upload, workingCopy: Bool) async throws -> EvidenceFile {
        var upload = upload
        if !upload.buffer.isEmpty || upload.pending == nil {
            try await push(upload.buffer, &upload)
            upload.buffer = Data()
        }
        try await writeChunk(upload.pending!, id: upload.id, variant: .original, sequence: upload.sequence, last: true)
        let sha256 = upload.digest.hex()
        var workingSize: Int?
        if workingCopy, upload.size <= Self.workingCopyLimit,
           let stripped = MetadataStripper.stripped(try await read(upload.id, variant: .original)) {
            try await store(stripped, id: upload.id, variant: .working)
            workingSize = stripped.count
        }
        let metadata = Metadata(filename: upload.filename, mediaType: upload.mediaType, sha256: sha256)
        let sealedMetadata = try Sealing(keys: keys, table: "evidence_files").seal(json: metadata, id: upload.id.text, field: "metadata_sealed")
        let dialect = backend.dialect
        let now = Date()
        let size = upload.size
        let finished = upload
        let copySize = workingSize
        try await backend.transaction { database in
            try await database.update("evidence_files").set("state", to: "complete").set("size", to: size)
                .set("working_size", to: SQLBind(copySize)).set("metadata_sealed", to: SQLBind(sealedMetadata))
                .where("id", .equal, finished.id.text).run()
            try await Self.custody(finished.id, .uploaded, actor: finished.actor, detail: "", in: database)
            if copySize != nil { try await Self.custody(finished.id, .workingCopyMade, actor: finished.actor, detail: "", in: database) }
            try await AuditLogRepository.append(AuditEvent(actor: finished.actor, action: .evidenceUploaded, target: finished.id.text),
                                                in: database, dialect: dialect)
        }
        return EvidenceFile(id: upload.id, eventID: upload.eventID, filename: upload.filename, mediaType: upload.mediaType, sha256: sha256,
                            size: size, workingSize: workingSize, uploadedBy: upload.actor, createdAt: now)
    }

    /// Removes an upload that did not complete.
    public func abort(_ upload: Upload) async {
        _ = try? await backend.transaction { database in
            try await database.delete(from: "evidence_files").where("id", .equal, upload.id.text).run()
        }
    }

    private func store(_ data: Data, id: UUID, variant: EvidenceFile.Variant) async throws {
        let chunks = stride(from: 0, to: max(data.count, 1), by: Self.chunkSize).map { data[$0..<min($0 + Self.chunkSize, data.count)] }
        for (sequence, chunk) in chunks.enumerated() {
            try await writeChunk(Data(chunk), id: id, variant: variant, sequence: sequence, last: sequence == chunks.count - 1)
        }
    }

    /// The whole content of a variant, checked chunk by chunk.
    public func read(_ id: UUID, variant: EvidenceFile.Variant) async throws -> Data {
        var data = Data()
        try await forEachChunk(id, variant: variant) { data.append($0) }
        return data
    }

    /// Hands each decrypted chunk to `body`, reading one chunk at a time, so a large file never sits in memory.
    public func forEachChunk(_ id: UUID, variant: EvidenceFile.Variant, _ body: (Data) async throws -> Void) async throws {
        let count = try await backend.read { database in
            try await database.raw("""
                SELECT COUNT(*) AS n FROM evidence_chunks WHERE evidence_id = \(bind: id.text) AND variant = \(bind: variant.rawValue)
                """).first()?.int("n") ?? 0
        }
        guard count > 0 else { throw StoreError.notFound(what: "The evidence file") }
        for sequence in 0..<count {
            let sealed = try await backend.read { database in
                try await database.select().column("data").from("evidence_chunks").where("evidence_id", .equal, id.text)
                    .where("variant", .equal, variant.rawValue).where("sequence", .equal, sequence).first()?.decode(column: "data", as: Data.self)
            }
            guard let sealed else { throw StoreError.invalid(reason: "An evidence file is missing a part.") }
            try await body(try sealer.open(sealed, context: Self.context(id, variant, sequence, last: sequence == count - 1)))
        }
    }

    public func files(of eventID: UUID) async throws -> [EvidenceFile] {
        let keys = self.keys
        return try await backend.read { database in
            try await database.select().column("*").from("evidence_files").where("event_id", .equal, eventID.text)
                .where("state", .equal, "complete").orderBy("created_at").all().map { try Self.decode($0, keys: keys) }
        }
    }

    public func find(_ id: UUID) async throws -> EvidenceFile? {
        let keys = self.keys
        return try await backend.read { database in
            try await database.select().column("*").from("evidence_files").where("id", .equal, id.text)
                .where("state", .equal, "complete").first().map { try Self.decode($0, keys: keys) }
        }
    }

    static func decode(_ row: any SQLRow, keys: InstanceKeys) throws -> EvidenceFile {
        let id = try row.text("id")
        let metadata = try Sealing(keys: keys, table: "evidence_files").open(json: Metadata.self, row, "metadata_sealed", id: id)
        return EvidenceFile(
            id: try row.uuid("id"), eventID: try row.uuid("event_id"), filename: metadata.filename, mediaType: metadata.mediaType,
            sha256: metadata.sha256, size: try row.int("size"), workingSize: try row.decode(column: "working_size", as: Int?.self),
            uploadedBy: try row.text("uploaded_by"), createdAt: try row.date("created_at"))
    }

    /// Records a step of custody (a view, a download, an export), with its audit entry.
    public func recordCustody(_ id: UUID, _ action: CustodyEntry.Action, actor: String, detail: String = "") async throws {
        let dialect = backend.dialect
        try await backend.transaction { database in
            try await Self.custody(id, action, actor: actor, detail: detail, in: database)
            try await AuditLogRepository.append(AuditEvent(actor: actor, action: .evidenceAccessed, target: "\(id.text) \(action.rawValue) \(detail)"),
                                                in: database, dialect: dialect)
        }
    }

    static func custody(_ id: UUID, _ action: CustodyEntry.Action, actor: String, detail: String, in database: any SQLDatabase) async throws {
        var row = Row()
        row.set("id", UUIDv7.make().text)
        row.set("evidence_id", id.text)
        row.set("time", Date().epochSeconds)
        row.set("actor", actor)
        row.set("action", detail.isEmpty ? action.rawValue : "\(action.rawValue):\(detail)")
        try await row.insert(into: "evidence_custody", database)
    }

    public func custody(of id: UUID) async throws -> [CustodyEntry] {
        try await backend.read { database in
            try await database.select().column("*").from("evidence_custody").where("evidence_id", .equal, id.text).orderBy("time").orderBy("id").all()
                .map { row in
                    let parts = try row.text("action").split(separator: ":", maxSplits: 1).map(String.init)
                    return CustodyEntry(time: try row.date("time"), actor: try row.text("actor"),
                                        action: CustodyEntry.Action(rawValue: parts[0]) ?? .viewed, detail: parts.count > 1 ? parts[1] : "")
                }
        }
    }
}
