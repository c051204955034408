import HamkariCore
import HamkariStore
import Hummingbird
import Logging

/// Turns every error into a clear answer in the reader's language: JSON under `/api`, a page elsewhere.
/// An unexpected error is logged by type only (never its text, which could hold data) and answered 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let renderer: PageRenderer
    let localizer: Localizer
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            return try await respond(error, request: request, context: context)
        } catch let error as any HTTPResponseError {
            return try await respond(AppError(framework: error.status), request: request, context: context)
        } catch let error as StoreError {
            switch error {
            case .notFound: return try await respond(.notFound, request: request, context: context)
            case .conflict: return try await respond(.conflict, request: request, context: context)
            default:
                context.logger.warning("store error", metadata: ["error": .string(String(describing: error))])
                return try await respond(.unavailable, request: request, context: context)
            }
        } catch {
            context.logger.error("unexpected error", metadata: ["type": .string(String(reflecting: type(of: error)))])
            return try await respond(.internalError, request: request, context: context)
        }
    }

    private func respond(_ error: AppError, request: Request, context: Context) async throws -> Response {
        let message = localizer.string(error.messageKey, context.locale)
        let issues = error.issues.map {
            APIErrorBody.Issue(field: $0.field, message: localizer.string($0.messageKey, context.locale)
                .replacingOccurrences(of: "{value}", with: $0.value ?? ""))
        }
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz" {
            let body = APIErrorBody(error: .init(code: error.code, message: message, issues: issues.isEmpty ? nil : issues))
            return try JSONBody(value: body, status: error.status).response(from: request, context: context)
        }
        let (titleKey, textKey) = switch error.status {
        case .notFound: ("error_not_found_title", "error_not_found_text")
        case .forbidden, .unauthorized: ("error_forbidden_title", error.messageKey)
        case _ where error.status.code < 500: ("error_bad_request_title", error.messageKey)
        default: ("error_generic_title", "error_generic_text")
        }
        let title = localizer.string(titleKey, context.locale)
        let networkName = (try? await store.networkName()) ?? LocalizedNames(english: "Hamkari")
        let page = renderer.render(
            "error", title: title,
            values: ["heading": title, "message": localizer.string(textKey, context.locale),
                     "issues": issues.map { ["field": $0.field, "message": $0.message] }],
            networkName: networkName, request: request, context: context, status: error.status
        )
        return try page.response(from: request, context: context)
    }
}
