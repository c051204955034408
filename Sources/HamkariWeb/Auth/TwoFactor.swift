import Foundation
import HamkariSecurity
import HummingbirdOTP

/// Time-based one-time passwords (RFC 6238: 30-second steps, 6 digits, HMAC-SHA-1 for authenticator
/// apps) through HummingbirdOTP, and single-use recovery codes stored only as hashes.
enum TwoFactor {
    static let timeStep: Int64 = 30

    /// 32 characters of a 32-symbol alphabet: 160 bits, the size RFC 4226 recommends.
    static func newSecret() -> String {
        SecureRandom.readableSecret(length: 32, groupedBy: 64)
    }

    static func authenticatorURI(secret: String, login: String, issuer: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: "\(issuer):\(login)", issuer: issuer)
    }

    /// The time step whose code `code` is, allowing one step of clock drift either way; nil if none.
    static func counter(matching code: String, secret: String, at date: Date = Date()) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        let now = Int64(date.timeIntervalSince1970) / timeStep
        for counter in [now, now - 1, now + 1] {
            if totp.compute(date: Date(timeIntervalSince1970: TimeInterval(counter * timeStep))) == value { return counter }
        }
        return nil
    }

    static func newRecoveryCodes() -> [String] {
        (0..<10).map { _ in SecureRandom.readableSecret(length: 10, groupedBy: 5) }
    }

    static func recoveryCodeHash(_ code: String) -> String {
        OpaqueToken.storageHash(of: code.lowercased().filter { !$0.isWhitespace })
    }
}
