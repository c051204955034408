import HamkariCore
import Hummingbird

/// A form's submission: `save` returns where to go next; a problem the reader can fix shows the
/// form again (422) with each problem beside its field, through `failed`.
enum FormSubmission {
    static func handle(
        _ request: Request, _ context: AppRequestContext, save: () async throws -> String,
        failed: ([ValidationIssue]) async throws -> HTMLPage
    ) async throws -> Response {
        do {
            return Response.redirect(to: try await save(), type: .found)
        } catch let error as AppError where !error.issues.isEmpty {
            var page = try await failed(error.issues)
            page.status = .unprocessableContent
            return try page.response(from: request, context: context)
        }
    }
}
