import Foundation
import HTTPTypes
import Hummingbird

/// Refuses state-changing requests from other sites: by `Sec-Fetch-Site` where the browser sends it,
/// else by `Origin`; then a form sent with a session cookie must carry the session's token, and the
/// sign-in form the token of its double-submit cookie. Bearer-token API calls carry no cookies and
/// need no form token. GET and HEAD never change state, so they pass.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let loginCookie: LoginFormCookie
    static let fieldName = "csrf_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], !["same-origin", "none"].contains(site) {
            throw AppError.crossSite
        }
        if let origin = request.headers[.origin], !Self.sameOrigin(origin, host: request.head.authority) {
            throw AppError.crossSite
        }
        if case .apiToken = context.identity?.credential { return try await next(request, context) }
        // Uploads stream: their handlers read them with `MultipartUpload`, which checks the form token
        // before accepting any file byte. Only a signed-in person's upload gets this far.
        if MultipartUpload.isMultipart(request), context.identity?.csrfToken != nil { return try await next(request, context) }
        var request = request
        let fields = try await FormFields.read(&request)
        let expected = context.identity?.csrfToken ?? request.cookies[loginCookie.name]?.value
        guard let expected, let sent = fields[Self.fieldName],
              ConstantTimeText.equal(expected, sent) else { throw AppError.missingFormToken }
        return try await next(request, context)
    }

    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let components = URLComponents(string: origin), let originHost = components.host else { return false }
        let originAuthority = components.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority.lowercased() == host.lowercased()
    }
}

enum ConstantTimeText {
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The fields of a URL-encoded form body, read once and left in the request for the handler.
enum FormFields {
    static func read(_ request: inout Request) async throws -> [String: String] {
        // An upload is read only by the handlers made for it (`MultipartUpload`), which check its form token.
        if MultipartUpload.isMultipart(request) { throw AppError.missingFormToken }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else { return [:] }
        let body = try await request.collectBody(upTo: 64 * 1024)
        let text = String(buffer: body)
        guard !text.isEmpty else { return [:] }
        do {
            return try URLEncodedFormDecoder().decode([String: String].self, from: text)
        } catch {
            throw AppError.badRequest
        }
    }
}
