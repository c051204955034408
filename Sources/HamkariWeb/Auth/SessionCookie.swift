import Hummingbird

/// The session cookie. Served over TLS it is `__Host-hamkari` (Secure, host-only, path /); on plain
/// HTTP on loopback, where browsers refuse Secure cookies, it is `hamkari_session`. Always HttpOnly
/// and SameSite=Strict.
struct SessionCookie: Sendable {
    let secure: Bool

    var name: String { secure ? "__Host-hamkari" : "hamkari_session" }

    func make(_ token: String) -> Cookie {
        Cookie(name: name, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func expired() -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func value(in request: Request) -> String? {
        request.cookies[name]?.value.nilIfEmpty
    }
}

/// A random token in a cookie and in the sign-in form (double submit), for the one form sent
/// before there is a session.
struct LoginFormCookie: Sendable {
    let secure: Bool

    var name: String { secure ? "__Host-hamkari-login" : "hamkari_login" }

    func make(_ token: String) -> Cookie {
        Cookie(name: name, value: token, maxAge: 3600, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
