import Crypto
import CryptoExtras
import Foundation

/// A password stored as an scrypt hash (RFC 7914) with its parameters, in the PHC string form
/// `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, so that parameters can be raised later without a migration.
public struct PasswordHash: Sendable, Equatable {
    public struct Parameters: Sendable, Equatable {
        /// log2 of the CPU/memory cost N.
        public var logN: Int
        public var blockSize: Int
        public var parallelism: Int

        /// N=2^17, r=8, p=1: 128 MiB and a few hundred milliseconds per hash (OWASP's scrypt floor).
        public static let interactive = Parameters(logN: 17, blockSize: 8, parallelism: 1)

        public init(logN: Int, blockSize: Int, parallelism: Int) {
            self.logN = logN
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        var memoryBytes: Int { 128 * blockSize * (1 << logN) * parallelism + 1 << 20 }

        /// The range any stored or unwrapped hash is read within; outside it the cost (and the
        /// arithmetic of its memory bound) would be an attacker's choice.
        public var isWithinLimits: Bool { (10...22).contains(logN) && (1...32).contains(blockSize) && (1...16).contains(parallelism) }
    }

    public enum Failure: Error, Equatable, Sendable {
        case malformedHash
        case derivationFailed
    }

    public let parameters: Parameters
    public let salt: [UInt8]
    public let digest: [UInt8]

    public static let digestLength = 32

    public static func make(password: String, parameters: Parameters = .interactive) throws(Failure) -> PasswordHash {
        let salt = SecureRandom.bytes(16)
        let digest = try derive(password: password, salt: salt, parameters: parameters)
        return PasswordHash(parameters: parameters, salt: salt, digest: digest)
    }

    public init(parameters: Parameters, salt: [UInt8], digest: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.digest = digest
    }

    public init(encoded: String) throws(Failure) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { throw .malformedHash }
        var values: [String: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let kv = pair.split(separator: "=")
            guard kv.count == 2, let number = Int(kv[1]) else { throw .malformedHash }
            values[String(kv[0])] = number
        }
        guard let logN = values["ln"], let r = values["r"], let p = values["p"],
              Parameters(logN: logN, blockSize: r, parallelism: p).isWithinLimits,
              let salt = Data(base64Encoded: String(parts[3])), let digest = Data(base64Encoded: String(parts[4])),
              salt.count >= 16, digest.count == Self.digestLength else { throw .malformedHash }
        self.init(parameters: Parameters(logN: logN, blockSize: r, parallelism: p), salt: Array(salt), digest: Array(digest))
    }

    public var encoded: String {
        "$scrypt$ln=\(parameters.logN),r=\(parameters.blockSize),p=\(parameters.parallelism)$"
            + Data(salt).base64EncodedString() + "$" + Data(digest).base64EncodedString()
    }

    /// Compares in constant time, so the time taken does not tell how much of a guess was right.
    public func verify(password: String) throws(Failure) -> Bool {
        let candidate = try Self.derive(password: password, salt: salt, parameters: parameters)
        return ConstantTime.equal(candidate, digest)
    }

    static func derive(
        password: String, salt: [UInt8], parameters: Parameters, outputByteCount: Int = digestLength
    ) throws(Failure) -> [UInt8] {
        guard parameters.isWithinLimits else { throw .derivationFailed }
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8), salt: salt, outputByteCount: outputByteCount,
                rounds: 1 << parameters.logN, blockSize: parameters.blockSize,
                parallelism: parameters.parallelism, maxMemory: parameters.memoryBytes
            )
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .derivationFailed
        }
    }
}
