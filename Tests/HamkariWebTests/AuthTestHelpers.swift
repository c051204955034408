import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport

/// Small readers of what the server sends back, for the sign-in tests.
enum Scrape {
    /// The value of a hidden form field in a page.
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// `name=value` of a cookie the response sets, ready for a Cookie header.
    static func cookie(_ name: String, in response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }?.split(separator: ";").first.map(String.init)
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.key, value: $0.value) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return ByteBuffer(string: encoded)
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
}

extension TestClientProtocol {
    /// Signs in through the real form: fetch it, post it with its token. Returns the response to the post.
    func signIn(login: String, password: String, next: String = "/", extraHeaders: HTTPFields = [:]) async throws -> TestResponse {
        let (token, cookie) = try await execute(uri: "/login", method: .get) { response in
            (Scrape.field("csrf_token", in: response.body.text) ?? "", Scrape.cookie("hamkari_login", in: response) ?? "")
        }
        var headers = Scrape.formHeaders
        headers[.cookie] = cookie
        for field in extraHeaders { headers.append(field) }
        return try await execute(uri: "/login", method: .post, headers: headers,
                                 body: Scrape.form(["csrf_token": token, "login": login, "password": password, "next": next])) { $0 }
    }

    /// Posts a form as a signed-in page would: with its session cookie and form token.
    func post(_ uri: String, session: HTTPFields, csrf: String, fields: [String: String] = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: TestSession.merge(Scrape.formHeaders, session),
                          body: Scrape.form(fields.merging(["csrf_token": csrf]) { a, _ in a })) { $0 }
    }
}
