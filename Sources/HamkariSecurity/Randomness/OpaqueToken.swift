import Crypto
import Foundation
import HamkariCore

/// A bearer secret (session cookie, API token): 256 random bits, URL-safe base64. Only its SHA-256
/// is stored, so reading the database does not yield a usable session or token.
public struct OpaqueToken: Sendable, Equatable {
    public let value: String

    public init(prefix: String = "") {
        let bytes = SecureRandom.bytes(32)
        self.value = prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init(value: String) {
        self.value = value
    }

    public var storageHash: String { Self.storageHash(of: value) }

    public static func storageHash(of value: String) -> String {
        Hex.encode(SHA256.hash(data: Data(value.utf8)))
    }
}
