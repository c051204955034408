import Foundation
import HamkariCore
import Hummingbird

/// Reads a JSON body: 415 when it is not JSON, 422 naming the field at fault when it does not fit.
func decode<Value: Decodable>(_ type: Value.Type, _ request: Request, _ context: AppRequestContext) async throws -> Value {
    guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else { throw AppError.unsupportedMediaType }
    var request = request
    let body = try await request.collectBody(upTo: context.maxUploadSize)
    do {
        return try JSONDecoder().decode(type, from: Data(buffer: body))
    } catch let DecodingError.keyNotFound(key, context) {
        throw AppError.invalid([ValidationIssue(field: path(context.codingPath + [key]), messageKey: "invalid_missing_field")],
                               code: "invalid_json", messageKey: "error_invalid_json")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
        throw AppError.invalid([ValidationIssue(field: path(context.codingPath), messageKey: "invalid_field_type")],
                               code: "invalid_json", messageKey: "error_invalid_json")
    } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
        throw AppError.invalid([ValidationIssue(field: path(context.codingPath), messageKey: "invalid_field_value")],
                               code: "invalid_json", messageKey: "error_invalid_json")
    } catch {
        throw AppError.invalid([], code: "invalid_json", messageKey: "error_invalid_json")
    }
}

private func path(_ keys: [any CodingKey]) -> String {
    keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
}
