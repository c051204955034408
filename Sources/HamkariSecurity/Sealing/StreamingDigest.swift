import Crypto
import Foundation
import HamkariCore

/// SHA-256 over a stream of chunks (an evidence file as it arrives), shown as lower-case hex,
/// the same text `sha256sum` prints.
public struct StreamingDigest: Sendable {
    private var hasher = SHA256()

    public init() {}

    public mutating func update(_ data: Data) {
        hasher.update(data: data)
    }

    public func hex() -> String {
        Hex.encode(hasher.finalize())
    }
}
