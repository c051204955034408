import Foundation
import HamkariCore
import HamkariStore
import Hummingbird

/// Finds who is signed in: a session cookie for pages, `Authorization: Bearer hmk_…` for the API.
/// A disabled account, an expired session or a revoked token signs no one in. A session still
/// waiting for its second factor counts only on the second-factor page.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let store: Store
    let cookie: SessionCookie

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            if authorization.hasPrefix("Bearer "), let user = try await store.users.account(forToken: String(authorization.dropFirst(7))),
               user.status == .active {
                context.identity = SignedIn(user: user, credential: .apiToken)
            }
        } else if let token = cookie.value(in: request), let (session, user) = try await store.users.find(session: token, in: store.sessions),
                  user.status == .active {
            let allowed = !session.secondFactorPending || request.uri.path == AuthController.secondFactorPath
            if allowed {
                context.identity = SignedIn(user: user, credential: .session(token: token, csrfToken: session.csrfToken),
                                            secondFactorPending: session.secondFactorPending)
            }
        }
        if let user = context.identity?.user {
            (context.locale, context.calendar) = LocaleMiddleware.choose(for: request, user: user)
        }
        return try await next(request, context)
    }
}
