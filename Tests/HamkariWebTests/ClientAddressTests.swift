import Hummingbird
@testable import HamkariWeb
import HTTPTypes
import Testing

@Suite("Client address for throttling")
struct ClientAddressTests {
    static func request(forwardedFor: String?) -> Request {
        var head = HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/login")
        if let forwardedFor { head.headerFields[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        return Request(head: head, body: .init(buffer: ByteBuffer()))
    }

    @Test("X-Forwarded-For counts only when the peer is a trusted proxy, and then its nearest entry")
    func forwarded() {
        let addresses = ClientAddress(trustedProxies: ["10.0.0.2"])
        #expect(addresses.of(Self.request(forwardedFor: "203.0.113.7"), peer: "10.0.0.2") == "203.0.113.7")
        #expect(addresses.of(Self.request(forwardedFor: "1.1.1.1, 198.51.100.4"), peer: "10.0.0.2") == "198.51.100.4")
        #expect(addresses.of(Self.request(forwardedFor: "203.0.113.7"), peer: "198.51.100.9") == "198.51.100.9", "an untrusted peer cannot claim an address")
        #expect(addresses.of(Self.request(forwardedFor: nil), peer: "10.0.0.2") == "10.0.0.2")
        #expect(addresses.of(Self.request(forwardedFor: "x"), peer: nil) == "unknown")
    }
}
