import Crypto

/// HMAC-SHA256 (RFC 2104) with the key's two padded blocks hashed once, up front: every word of
/// every record is keyed, and swift-crypto's generic `HMAC` set up its state, and looked up its
/// generic types, for each. The codes are HMAC's own (a test holds the two equal for keys of
/// every length).
struct PrecomputedHMAC: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    init(key: SymmetricKey) {
        // A key longer than a block is hashed first; either way it is padded with zeros to a block.
        var block = key.withUnsafeBytes { $0.count > SHA256.blockByteCount ? Array(SHA256.hash(data: $0)) : Array($0) }
        block += repeatElement(0, count: SHA256.blockByteCount - block.count)
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    func authenticationCode(for message: UnsafeRawBufferPointer) -> SHA256.Digest {
        var inner = self.inner
        inner.update(bufferPointer: message)
        var outer = self.outer
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }
}
