import Crypto
import Foundation
import HamkariCore

/// A keyed hash of an identifier (a login), so that a record can be found by it while the
/// identifier itself is stored only sealed. Without the key, the index reveals nothing.
public struct BlindIndex: Sendable {
    let key: SymmetricKey

    public init(keyRing: KeyRing) throws {
        // Version 1 always: an index must not change when keys rotate, or lookups would miss.
        self.key = try keyRing.subkey(.blindIndex, version: keyRing.versions.keys.min())
    }

    public func index(of identifier: String) -> String {
        let normalized = identifier.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let mac = HMAC<SHA256>.authenticationCode(for: Data(normalized.utf8), using: key)
        return Hex.encode(mac)
    }
}
