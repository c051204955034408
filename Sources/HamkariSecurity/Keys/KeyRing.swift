import Crypto
import Foundation

/// The unlocked keys of an instance: one secret per key version, from which a subkey per purpose
/// is derived with HKDF-SHA256. New values are sealed under the newest version; older versions
/// stay to open what was sealed before a rotation, until a re-seal pass has moved it.
public struct KeyRing: Sendable {
    public struct Version: Sendable {
        public let number: UInt32
        let secret: SymmetricKey

        public init(number: UInt32, secret: SymmetricKey) {
            self.number = number
            self.secret = secret
        }
    }

    public enum Failure: Error, Equatable, Sendable {
        case empty
        case unknownVersion(UInt32)
        case duplicateVersion
    }

    public let versions: [UInt32: Version]
    public let current: UInt32

    public init(versions: [Version]) throws(Failure) {
        guard let newest = versions.map(\.number).max() else { throw .empty }
        // A damaged envelope could list a version twice; that is refused, not a crash.
        guard Set(versions.map(\.number)).count == versions.count else { throw .duplicateVersion }
        self.versions = Dictionary(uniqueKeysWithValues: versions.map { ($0.number, $0) })
        self.current = newest
    }

    /// A ring with one fresh random version: what `hamkari init` makes.
    public static func generate() -> KeyRing {
        // A fresh ring always has one version, so this cannot fail.
        try! KeyRing(versions: [Version(number: 1, secret: SymmetricKey(size: .bits256))])
    }

    /// The ring with one more version, newest first in use.
    public func rotated() -> KeyRing {
        let next = Version(number: current + 1, secret: SymmetricKey(size: .bits256))
        return try! KeyRing(versions: Array(versions.values) + [next])
    }

    public func subkey(_ purpose: KeyPurpose, version: UInt32? = nil) throws(Failure) -> SymmetricKey {
        let number = version ?? current
        guard let entry = versions[number] else { throw .unknownVersion(number) }
        return HKDF<SHA256>.deriveKey(
            inputKeyMaterial: entry.secret,
            salt: Data("hamkari key ring".utf8),
            info: Data("hamkari/\(purpose.rawValue)/v\(number)".utf8),
            outputByteCount: 32
        )
    }
}
