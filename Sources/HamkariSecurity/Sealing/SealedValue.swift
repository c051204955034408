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

    /// `hamkari-sealed-v1 ␟ table ␟ record ␟ field ␟ version`, bytes appended in place: made for every seal and open.
    func associatedData(version: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.prefix.count + table.utf8.count + recordID.utf8.count + field.utf8.count + 14)
        bytes += Self.prefix
        bytes.append(0x1F)
        bytes += table.utf8
        bytes.append(0x1F)
        bytes += recordID.utf8
        bytes.append(0x1F)
        bytes += field.utf8
        bytes.append(0x1F)
        Self.appendDecimal(version, to: &bytes)
        return bytes
    }

    /// `String(version).utf8` without making the string: every seal and open writes it.
    private static func appendDecimal(_ number: UInt32, to bytes: inout [UInt8]) {
        var divisor: UInt32 = 1
        while number / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }

    private static let prefix = Array("hamkari-sealed-v1".utf8)
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

    /// `nonces`: where many values are sealed in a row, a source that draws their nonces a block at a
    /// time; without one, each nonce comes from the system on its own.
    public func seal(_ plaintext: Data, context: SealContext, nonces: RandomBlock? = nil) throws -> Data {
        let version = keyRing.current
        let key = try subkey(version)
        let box = try AES.GCM.seal(plaintext, using: key, nonce: nonces?.nonce() ?? AES.GCM.Nonce(),
                                   authenticating: context.associatedData(version: version))
        // A 12-byte nonce always gives the combined form (nonce ‖ ciphertext ‖ tag), which the box
        // holds as one buffer: taken whole, it spares three copies.
        let combined = box.combined ?? Data(box.nonce) + box.ciphertext + box.tag
        var output = Data(capacity: Self.headerLength + combined.count)
        output.append(Self.format)
        withUnsafeBytes(of: version.bigEndian) { output.append(contentsOf: $0) }
        output.append(combined)
        return output
    }

    public func seal(_ text: String, context: SealContext, nonces: RandomBlock? = nil) throws -> Data {
        // The text's own UTF-8 storage copied once (`Data(text.utf8)` goes through a generic path).
        var text = text
        return try seal(text.withUTF8 { Data($0) }, context: context, nonces: nonces)
    }

    public func open(_ sealed: Data, context: SealContext) throws(Failure) -> Data {
        // Rebased to index 0 (a slice of a larger buffer keeps its parent's indices).
        let bytes = sealed.startIndex == 0 ? sealed : Data(sealed)
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
            let box = try AES.GCM.SealedBox(combined: bytes[Self.headerLength...])
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
        let bytes = sealed.startIndex == 0 ? sealed : Data(sealed)
        guard bytes.count >= minimumLength, bytes[0] == format else { return nil }
        return version(of: bytes)
    }

    private static func version(of bytes: Data) -> UInt32 {
        bytes[1..<5].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
