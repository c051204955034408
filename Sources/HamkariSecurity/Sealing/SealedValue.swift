import Crypto
import Foundation

/// Where a sealed value belongs. It is bound into the ciphertext as associated data, so a
/// sealed name copied into another record, field or table fails to open instead of leaking.
public struct SealContext: Sendable, Equatable {
    public let table: String
    public let recordID: String
    public let field: String

    public init(table: String, recordID: String, field: String) {
        self.table = table
        self.recordID = recordID
        self.field = field
    }

    func associatedData(version: UInt32) -> Data {
        Data("hamkari-sealed-v1\u{1F}\(table)\u{1F}\(recordID)\u{1F}\(field)\u{1F}\(version)".utf8)
    }
}

/// Seals and opens field values with AES-256-GCM under the key ring's `sealedFields` subkey.
///
/// Layout: `format (1) ‖ key version (4, big-endian) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`.
/// Every seal draws a fresh random nonce; a rotation changes the key, never re-uses a nonce.
public struct FieldSealer: Sendable {
    public enum Failure: Error, Equatable, Sendable {
        case truncated
        case unsupportedFormat(UInt8)
        case unknownKeyVersion(UInt32)
        /// Wrong key, changed bytes, or a value moved from another record or field.
        case authenticationFailed
    }

    static let format: UInt8 = 1
    static let headerLength = 1 + 4
    static let minimumLength = headerLength + 12 + 16

    public let keyRing: KeyRing
    /// Field values and evidence files are sealed under different subkeys.
    public let purpose: KeyPurpose

    /// The current version's subkey, derived once: a derivation per value was a tenth of a bulk import.
    private let currentKey: SymmetricKey?

    public init(keyRing: KeyRing, purpose: KeyPurpose = .sealedFields) {
        self.keyRing = keyRing
        self.purpose = purpose
        currentKey = try? keyRing.subkey(purpose, version: keyRing.current)
    }

    private func subkey(_ version: UInt32) throws -> SymmetricKey {
        if version == keyRing.current, let currentKey { return currentKey }
        return try keyRing.subkey(purpose, version: version)
    }

    public func seal(_ plaintext: Data, context: SealContext) throws -> Data {
        let version = keyRing.current
        let key = try subkey(version)
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: context.associatedData(version: version))
        var output = Data([Self.format])
        output.append(contentsOf: withUnsafeBytes(of: version.bigEndian) { Array($0) })
        output.append(box.combined!)
        return output
    }

    public func seal(_ text: String, context: SealContext) throws -> Data {
        try seal(Data(text.utf8), context: context)
    }

    public func open(_ sealed: Data, context: SealContext) throws(Failure) -> Data {
        let bytes = [UInt8](sealed)
        guard bytes.count >= Self.minimumLength else { throw .truncated }
        guard bytes[0] == Self.format else { throw .unsupportedFormat(bytes[0]) }
        let version = Self.version(of: bytes)
        let key: SymmetricKey
        do {
            key = try subkey(version)
        } catch {
            throw .unknownKeyVersion(version)
        }
        do {
            let box = try AES.GCM.SealedBox(combined: Data(bytes[Self.headerLength...]))
            return try AES.GCM.open(box, using: key, authenticating: context.associatedData(version: version))
        } catch {
            throw .authenticationFailed
        }
    }

    public func openText(_ sealed: Data, context: SealContext) throws(Failure) -> String {
        let data = try open(sealed, context: context)
        guard let text = String(data: data, encoding: .utf8) else { throw .authenticationFailed }
        return text
    }

    /// The key version a sealed value was made with, so a re-seal pass can find the old ones.
    public static func keyVersion(of sealed: Data) -> UInt32? {
        let bytes = [UInt8](sealed)
        guard bytes.count >= minimumLength, bytes[0] == format else { return nil }
        return version(of: bytes)
    }

    private static func version(of bytes: [UInt8]) -> UInt32 {
        bytes[1..<5].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
