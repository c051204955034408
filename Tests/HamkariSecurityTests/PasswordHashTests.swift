import Foundation
@testable import HamkariSecurity
import Testing

@Suite("Password hashing (scrypt)")
struct PasswordHashTests {
    static let cheap = PasswordHash.Parameters(logN: 10, blockSize: 8, parallelism: 1)

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    @Test("RFC 7914 §12 test vectors")
    func rfc7914() throws {
        let second = try PasswordHash.derive(
            password: "password", salt: Array("NaCl".utf8),
            parameters: .init(logN: 10, blockSize: 8, parallelism: 16), outputByteCount: 64)
        #expect(Self.hex(second) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
        let third = try PasswordHash.derive(
            password: "pleaseletmein", salt: Array("SodiumChloride".utf8),
            parameters: .init(logN: 14, blockSize: 8, parallelism: 1), outputByteCount: 64)
        #expect(Self.hex(third) == "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887")
    }

    @Test("A hash verifies its own password and no other, and survives its text form")
    func roundTrip() throws {
        let passphrase = "کوه‌های بدخشان در زمستان سفید و آرام اند — a long passphrase of more than sixty-four characters"
        let hash = try PasswordHash.make(password: passphrase, parameters: Self.cheap)
        let parsed = try PasswordHash(encoded: hash.encoded)
        #expect(parsed == hash)
        #expect(hash.encoded.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(try parsed.verify(password: passphrase))
        #expect(try !parsed.verify(password: passphrase + " "))
        #expect(try !parsed.verify(password: ""))
    }

    @Test("Two hashes of one password differ (random salt)")
    func salted() throws {
        let first = try PasswordHash.make(password: "same", parameters: Self.cheap)
        let second = try PasswordHash.make(password: "same", parameters: Self.cheap)
        #expect(first.salt != second.salt)
        #expect(first.encoded != second.encoded)
    }

    @Test("Malformed stored hashes are refused", arguments: [
        "", "scrypt", "$bcrypt$ln=10,r=8,p=1$AAAA$BBBB", "$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
        "$scrypt$ln=10,r=8$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "$scrypt$ln=10,r=8,p=1$not base64$AAAA",
    ])
    func malformed(text: String) {
        #expect(throws: PasswordHash.Failure.malformedHash) { try PasswordHash(encoded: text) }
    }

    @Test("Readable secrets have the promised length and alphabet")
    func readableSecret() {
        let secret = SecureRandom.readableSecret()
        #expect(secret.count == 24 + 5)
        #expect(secret.replacingOccurrences(of: "-", with: "").allSatisfy { SecureRandom.readableAlphabet.contains($0) })
        #expect(SecureRandom.readableSecret() != secret)
    }

    @Test("Constant-time comparison")
    func constantTime() {
        #expect(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equal([1, 2], [1, 2, 3]))
    }
}
