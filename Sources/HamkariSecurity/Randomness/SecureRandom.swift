import Crypto

/// Randomness for secrets, from the operating system's CSPRNG.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// Letters and digits without look-alikes (0/O, 1/l/I), for secrets a person must copy by hand.
    static let readableAlphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")

    /// A secret of `length` characters from a 32-symbol alphabet: 5 bits each, 24 characters ≈ 120 bits.
    public static func readableSecret(length: Int = 24, groupedBy group: Int = 4) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [Character] = []
        for index in 0..<length {
            if index > 0, index % group == 0 { characters.append("-") }
            characters.append(readableAlphabet[Int.random(in: 0..<readableAlphabet.count, using: &generator)])
        }
        return String(characters)
    }
}

public enum ConstantTime {
    public static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
