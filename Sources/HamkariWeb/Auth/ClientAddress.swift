import Hummingbird

/// The address a request comes from, for throttling sign-in. Behind a reverse proxy every request
/// arrives from the proxy, so the address the proxy saw is read from `X-Forwarded-For` — but only when
/// the peer is one of the proxies the operator trusts, or anyone could claim any address.
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    func of(_ request: Request, peer: String?) -> String {
        guard let peer else { return "unknown" }
        guard trustedProxies.contains(peer),
              let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
              let nearest = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              !nearest.isEmpty else { return peer }
        return nearest
    }
}

import HTTPTypes
