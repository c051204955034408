import Foundation
import Hummingbird
import MultipartKit

/// Reads a `multipart/form-data` upload as it streams in, without holding files in memory: text
/// fields are collected (small), file parts are handed chunk by chunk to a sink. The form's
/// `csrf_token` field must come before any file (forms put it first), so no byte of a file is
/// accepted before the request is known to come from the signed-in person's own page.
struct MultipartUpload {
    struct FilePart {
        let field: String
        let filename: String
        let contentType: String
    }

    /// Receives file parts: `begin` once per file, `write` for each chunk, `end` when the part completes.
    protocol Sink {
        mutating func begin(_ part: FilePart) async throws
        mutating func write(_ chunk: ByteBuffer) async throws
        mutating func end() async throws
    }

    static let fieldLimit = 64 * 1024

    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true
    }

    static func boundary(_ request: Request) -> String? {
        guard let type = request.headers[.contentType] else { return nil }
        for parameter in type.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    enum Event {
        case header(String, String)
        case body(ByteBuffer)
        case partComplete
    }

    /// Parses the body, up to `limit` bytes in all; returns the text fields.
    static func read<S: Sink>(
        _ request: Request, limit: Int, csrfToken: String?, sink: inout S
    ) async throws -> [String: String] {
        guard isMultipart(request), let boundary = boundary(request) else { throw AppError.unsupportedMediaType }
        let parser = MultipartParser(boundary: boundary)
        var events: [Event] = []
        parser.onHeader = { name, value in events.append(.header(name, value)) }
        parser.onBody = { buffer in events.append(.body(buffer)) }
        parser.onPartComplete = { events.append(.partComplete) }
        var fields: [String: String] = [:]
        var headers: [String: String] = [:]
        var text = ByteBuffer()
        var file: FilePart?
        var received = 0
        var tokenChecked = csrfToken == nil
        for try await chunk in request.body {
            received += chunk.readableBytes
            guard received <= limit else { throw AppError.payloadTooLarge }
            do { try parser.execute(chunk) } catch { throw AppError.badRequest }
            for event in events {
                switch event {
                case .header(let name, let value):
                    headers[name.lowercased()] = value
                case .body(var buffer):
                    let disposition = headers["content-disposition"] ?? ""
                    if file == nil, let filename = parameter("filename", in: disposition) {
                        guard tokenChecked else { throw AppError.missingFormToken }
                        let part = FilePart(field: parameter("name", in: disposition) ?? "", filename: filename,
                                            contentType: headers["content-type"] ?? "application/octet-stream")
                        file = part
                        try await sink.begin(part)
                    }
                    if file != nil {
                        try await sink.write(buffer)
                    } else {
                        guard text.readableBytes + buffer.readableBytes <= fieldLimit else { throw AppError.payloadTooLarge }
                        text.writeBuffer(&buffer)
                    }
                case .partComplete:
                    let disposition = headers["content-disposition"] ?? ""
                    if file != nil {
                        try await sink.end()
                    } else if let name = parameter("name", in: disposition) {
                        fields[name] = String(buffer: text)
                        if name == CSRFMiddleware.fieldName, let csrfToken {
                            guard ConstantTimeText.equal(csrfToken, fields[name] ?? "") else { throw AppError.missingFormToken }
                            tokenChecked = true
                        }
                    }
                    headers = [:]
                    text = ByteBuffer()
                    file = nil
                }
            }
            events.removeAll(keepingCapacity: true)
        }
        guard tokenChecked else { throw AppError.missingFormToken }
        return fields
    }

    static func parameter(_ name: String, in disposition: String) -> String? {
        for piece in disposition.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}

/// A sink that keeps a small file in memory (an import file), up to a limit.
struct MemorySink: MultipartUpload.Sink {
    var limit: Int
    var data = Data()
    var filename: String?

    mutating func begin(_ part: MultipartUpload.FilePart) async throws { filename = part.filename }

    mutating func write(_ chunk: ByteBuffer) async throws {
        guard data.count + chunk.readableBytes <= limit else { throw AppError.payloadTooLarge }
        data.append(contentsOf: chunk.readableBytesView)
    }

    mutating func end() async throws {}
}
