import CSystemRandom
import Crypto

/// Random bytes from the operating system drawn a block at a time, for values that are public once
/// made: AES-GCM nonces (each is stored beside its ciphertext) and the random bits of ids. A bulk
/// import makes tens of thousands of them; one system call each (two per nonce) was a third of what
/// sealing a field cost, and most of what making an id did. Keys and secrets never come from here
/// (`SecureRandom`), so what a block holds ahead reveals nothing that protects a record.
///
/// What must never happen is a nonce handed out twice under one key: the block is read front to
/// back and refilled, never rewound, and this is a class, so a copy of it is the same source rather
/// than a second one repeating the first one's bytes. Not Sendable: one task uses it, then drops it.
public final class RandomBlock: RandomNumberGenerator {
    static let nonceLength = 12
    private var block: [UInt8]
    private var position: Int

    /// `bytes`: how much one system call draws.
    public init(bytes: Int = 4096) {
        block = [UInt8](repeating: 0, count: max(16, bytes))
        position = block.count
    }

    public func next() -> UInt64 {
        take(8) { $0.loadUnaligned(as: UInt64.self) }
    }

    func nonce() -> AES.GCM.Nonce {
        // Cannot fail: AES-GCM takes 12 bytes, and 12 are given.
        take(Self.nonceLength) { try! AES.GCM.Nonce(data: $0) }
    }

    private func take<Value>(_ count: Int, _ read: (UnsafeRawBufferPointer) -> Value) -> Value {
        if block.count - position < count {
            let status = block.withUnsafeMutableBytes { hamkari_system_random($0.baseAddress, $0.count) }
            // As the standard library's own generator does: without randomness nothing may be sealed.
            if status != 0 { fatalError("the system's random source failed") }
            position = 0
        }
        defer { position += count }
        return block.withUnsafeBytes { read(UnsafeRawBufferPointer(rebasing: $0[position..<position + count])) }
    }
}
