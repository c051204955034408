import HamkariCore
import Hummingbird

/// An error a user can cause, with a stable code for programs and a message key for people.
/// The error middleware renders it as a JSON error under `/api`, as a page elsewhere.
struct AppError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var messageKey: String
    /// What was wrong with each field of a rejected record or file, for the reader to correct.
    var issues: [ValidationIssue] = []

    static let notFound = AppError(status: .notFound, code: "not_found", messageKey: "api_error_not_found")
    static let invalidID = AppError(status: .badRequest, code: "invalid_id", messageKey: "api_error_invalid_id")
    static let invalidPcode = AppError(status: .badRequest, code: "invalid_pcode", messageKey: "api_error_invalid_pcode")
    static let badRequest = AppError(status: .badRequest, code: "bad_request", messageKey: "api_error_bad_request")
    static let unavailable = AppError(status: .serviceUnavailable, code: "unavailable", messageKey: "api_error_unavailable")
    static let internalError = AppError(status: .internalServerError, code: "internal", messageKey: "api_error_internal")
    static let crossSite = AppError(status: .forbidden, code: "cross_site", messageKey: "error_cross_site")
    static let missingFormToken = AppError(status: .forbidden, code: "form_token", messageKey: "error_form_token")
    static let signInRequired = AppError(status: .unauthorized, code: "unauthorized", messageKey: "error_sign_in_required")
    static let forbidden = AppError(status: .forbidden, code: "forbidden", messageKey: "error_forbidden")
    static let payloadTooLarge = AppError(status: .contentTooLarge, code: "too_large", messageKey: "error_too_large")
    static let editConflict = AppError(status: .conflict, code: "edit_conflict", messageKey: "error_edit_conflict")
    static let conflict = AppError(status: .conflict, code: "conflict", messageKey: "error_conflict")
    static let unsupportedMediaType = AppError(status: .unsupportedMediaType, code: "unsupported_media_type", messageKey: "error_media_type")

    static func invalid(_ issues: [ValidationIssue], code: String = "invalid_record", messageKey: String = "error_invalid_record") -> AppError {
        var error = AppError(status: .unprocessableContent, code: code, messageKey: messageKey)
        error.issues = issues
        return error
    }

    /// The error for an `HTTPError` raised by the framework itself (no route, body too large, …).
    init(framework status: HTTPResponse.Status) {
        switch status {
        case .notFound: self = .notFound
        case .badRequest: self = .badRequest
        default:
            let code = status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            self.init(status: status, code: code, messageKey: status.code >= 500 ? "api_error_internal" : "api_error_bad_request")
        }
    }

    init(status: HTTPResponse.Status, code: String, messageKey: String) {
        self.status = status
        self.code = code
        self.messageKey = messageKey
    }
}

/// The JSON shape of every API error: `{"error": {"code": "...", "message": "..."}}`.
struct APIErrorBody: Encodable, Sendable {
    struct Issue: Encodable, Sendable {
        let field: String
        let message: String
    }

    struct Detail: Encodable, Sendable {
        let code: String
        let message: String
        var issues: [Issue]?
    }

    let error: Detail
}

import Foundation
