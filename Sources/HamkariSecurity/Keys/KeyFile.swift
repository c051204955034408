import Crypto
import Foundation

/// A 256-bit key written as text: a header line naming what it is, then the key in base64.
/// The kinds: the key file an operator keeps on removable media (it unwraps the root key, like the
/// passphrase), the unwrapped root key a demonstration instance keeps beside its data, and the two
/// halves of an escrow holder's X25519 key pair.
public enum KeyFile: String, Sendable {
    case removable = "hamkari-key-file-v1"
    case demoRootKey = "hamkari-demo-root-key-v1"
    /// The private half of an escrow holder's X25519 key pair: kept abroad, never on the server.
    case escrowIdentity = "hamkari-escrow-identity-v1"
    /// The public half, given to the server to wrap its keys to.
    case escrowRecipient = "hamkari-escrow-recipient-v1"

    public enum Failure: Error, Equatable, Sendable {
        case notAKeyFile
    }

    public static func newSecret() -> SymmetricKey {
        SymmetricKey(size: .bits256)
    }

    public func encode(_ key: SymmetricKey) -> String {
        "\(rawValue)\n" + key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
    }

    public func decode(_ text: String) throws(Failure) -> SymmetricKey {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count >= 2, lines[0] == rawValue, let bytes = Data(base64Encoded: lines[1]), bytes.count == 32 else {
            throw .notAKeyFile
        }
        return SymmetricKey(data: bytes)
    }
}
