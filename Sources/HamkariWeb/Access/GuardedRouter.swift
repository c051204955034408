import HamkariCore
import HamkariStore
import Hummingbird

/// Registers every route together with what it requires: open to anyone, or an action the access
/// policy must allow for the signed-in account. Routes are added only through it, and a test checks
/// that the router holds no route it did not register, so no route escapes the policy.
final class GuardedRouter {
    let router: Router<AppRequestContext>
    let store: Store
    private(set) var routes: [RouteTable.Route] = []

    init(router: Router<AppRequestContext>, store: Store) {
        self.router = router
        self.store = store
    }

    func open<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        routes.append(RouteTable.Route(method: method.rawValue, path: path, action: nil))
        router.on(RouterPath(path), method: method, use: handler)
    }

    func allowed<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, _ action: AccessPolicy.Action,
        _ handler: @escaping @Sendable (Request, AppRequestContext, SignedIn) async throws -> Output
    ) {
        routes.append(RouteTable.Route(method: method.rawValue, path: path, action: action))
        let store = self.store
        router.on(RouterPath(path), method: method) { request, context -> Response in
            let isAPI = request.uri.path.hasPrefix("/api/")
            guard let identity = context.identity else {
                if isAPI { throw AppError.signInRequired }
                // The language goes along, so the sign-in page speaks the language the reader asked for.
                let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_."))) ?? "/"
                return Response.redirect(to: "/login?next=\(next)&lang=\(context.locale.tag)")
            }
            if identity.secondFactorPending { return Response.redirect(to: AuthController.secondFactorPath) }
            if case .deny = AccessPolicy.decide(identity.subject, action) {
                try await store.audit.append(AuditEvent(actor: identity.user.id.text, action: .accessDenied,
                                                        target: action.rawValue, outcome: .denied))
                throw AppError.forbidden
            }
            if action != .manageOwnAccount, identity.sessionToken != nil, try await Self.mustEnrolSecondFactor(identity.user, store) {
                return Response.redirect(to: "/account/2fa?required=1")
            }
            return try await handler(request, context, identity).response(from: request, context: context)
        }
    }

    /// True when the coordinators require two-step sign-in for this role and the person has not set it up.
    static func mustEnrolSecondFactor(_ user: UserAccount, _ store: Store) async throws -> Bool {
        guard let roles = try await store.settings.value(.requireSecondFactorRoles),
              roles.split(separator: ",").contains(Substring(user.role.rawValue)) else { return false }
        return try await !store.twoFactor.state(of: user.id).enabled
    }
}

import Foundation
