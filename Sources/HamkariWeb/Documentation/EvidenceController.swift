import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Evidence files: streamed upload (raw body in the API, a form on the record page), SHA-256
/// shown, download of the original or the metadata-free working copy, and the custody log.
/// Downloading needs the right to see identities in the record: a photo can name a person.
struct EvidenceController: Sendable {
    let store: Store
    let sizeLimit: Int
    var access: EventAccess { EventAccess(store: store) }

    struct EvidenceDocument: Encodable, Sendable {
        struct Custody: Encodable, Sendable {
            let time: String
            let actor: String
            let action: String
            let detail: String
        }
        let id: String
        let eventId: String
        let filename: String?
        let mediaType: String
        let sha256: String
        let size: Int
        let workingCopySize: Int?
        let uploadedAt: String
        var custody: [Custody]?

        init(_ file: EvidenceFile, identities: Bool) {
            id = file.id.text
            eventId = file.eventID.text
            filename = identities ? file.filename : nil
            mediaType = file.mediaType
            sha256 = file.sha256
            size = file.size
            workingCopySize = file.workingSize
            uploadedAt = file.createdAt.internetTime
        }
    }

    struct ListDocument: Encodable, Sendable {
        let evidence: [EvidenceDocument]
    }

    /// Feeds a multipart file part into an evidence upload.
    struct UploadSink: MultipartUpload.Sink {
        let repository: EvidenceRepository
        let eventID: UUID
        let actor: String
        let limit: Int
        var upload: EvidenceRepository.Upload?
        var completed: EvidenceRepository.Upload?

        mutating func begin(_ part: MultipartUpload.FilePart) async throws {
            guard upload == nil, completed == nil else { throw AppError.badRequest }
            upload = try await repository.begin(eventID: eventID, filename: part.filename, mediaType: part.contentType, actor: actor)
        }

        mutating func write(_ chunk: ByteBuffer) async throws {
            guard var current = upload else { return }
            do { try await repository.append(Data(buffer: chunk), to: &current, limit: limit) } catch {
                await repository.abort(current)
                upload = nil
                throw AppError.payloadTooLarge
            }
            upload = current
        }

        mutating func end() async throws {
            completed = upload
            upload = nil
        }
    }

    func addRoutes(to guarded: GuardedRouter) {
        guarded.allowed(.post, "/api/v1/events/{id}/evidence", .documentEvents) { request, context, identity in
            let event = try await access.visibleEvent(context, identity)
            guard access.mayEdit(identity, event) else { throw AppError.forbidden }
            let filename = request.uri.queryParameters.get("filename").map { String($0) } ?? "evidence"
            let mediaType = request.headers[.contentType] ?? "application/octet-stream"
            let repository = store.evidence
            var upload = try await repository.begin(eventID: event.id, filename: filename, mediaType: mediaType, actor: identity.user.id.text)
            do {
                for try await chunk in request.body {
                    try await repository.append(Data(buffer: chunk), to: &upload, limit: sizeLimit)
                }
            } catch {
                await repository.abort(upload)
                if case StoreError.invalid = error { throw AppError.payloadTooLarge }
                throw error
            }
            let file = try await repository.finish(upload, workingCopy: request.uri.queryParameters.get("workingCopy") == "true")
            return JSONBody(value: EvidenceDocument(file, identities: true), status: .created, location: "/api/v1/evidence/\(file.id.text)")
        }
        guarded.allowed(.post, "/events/{id}/evidence", .documentEvents) { request, context, identity in
            let event = try await access.visibleEvent(context, identity)
            guard access.mayEdit(identity, event) else { throw AppError.forbidden }
            var sink = UploadSink(repository: store.evidence, eventID: event.id, actor: identity.user.id.text, limit: sizeLimit)
            do {
                let fields = try await MultipartUpload.read(request, limit: sizeLimit + 65536, csrfToken: identity.csrfToken, sink: &sink)
                guard let completed = sink.completed else { throw AppError.badRequest }
                _ = try await store.evidence.finish(completed, workingCopy: fields["working_copy"] == "on")
            } catch {
                if let upload = sink.upload ?? sink.completed { await store.evidence.abort(upload) }
                throw error
            }
            return Response.redirect(to: "/events/\(event.id.text)#evidence", type: .found)
        }
        guarded.allowed(.get, "/api/v1/events/{id}/evidence", .viewEvents) { _, context, identity in
            let event = try await access.visibleEvent(context, identity)
            let identities = access.mayRevealIdentities(identity, event)
            return JSONBody(value: ListDocument(evidence: try await store.evidence.files(of: event.id).map { EvidenceDocument($0, identities: identities) }))
        }
        guarded.allowed(.get, "/api/v1/evidence/{id}", .viewEvents) { _, context, identity in
            let (file, event) = try await visibleFile(context, identity)
            let identities = access.mayRevealIdentities(identity, event)
            var document = EvidenceDocument(file, identities: identities)
            document.custody = try await store.evidence.custody(of: file.id).map {
                .init(time: $0.time.internetTime, actor: $0.actor, action: $0.action.rawValue, detail: $0.detail)
            }
            return JSONBody(value: document)
        }
        for path in ["/api/v1/evidence/{id}/content", "/evidence/{id}/download"] {
            guarded.allowed(.get, path, .viewEvents) { request, context, identity in
                let (file, event) = try await visibleFile(context, identity)
                guard access.mayRevealIdentities(identity, event) else { throw AppError.forbidden }
                let variant = EvidenceFile.Variant(rawValue: request.uri.queryParameters.get("variant") ?? "") ?? (file.workingSize == nil ? .original : .working)
                if variant == .working, file.workingSize == nil { throw AppError.notFound }
                try await store.evidence.recordCustody(file.id, .downloaded, actor: identity.user.id.text, detail: variant.rawValue)
                let repository = store.evidence
                let body = ResponseBody { writer in
                    try await repository.forEachChunk(file.id, variant: variant) { chunk in
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                    try await writer.finish(nil)
                }
                let name = variant == .working ? "working-\(file.id.text)" : file.id.text
                return Response(status: .ok, headers: [
                    .contentType: "application/octet-stream",
                    .contentDisposition: "attachment; filename=\"\(name)\"",
                    .contentLength: String(variant == .working ? file.workingSize! : file.size),
                ], body: body)
            }
        }
    }

    private func visibleFile(_ context: AppRequestContext, _ identity: SignedIn) async throws -> (EvidenceFile, Event) {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw AppError.invalidID }
        guard let file = try await store.evidence.find(id), let event = try await store.events.find(id: file.eventID),
              EventVisibility(identity.subject).allows(EventVisibility.Facts(event)) else { throw AppError.notFound }
        return (file, event)
    }
}
