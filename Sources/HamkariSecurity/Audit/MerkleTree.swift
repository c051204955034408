import Crypto
import Foundation

/// The Merkle tree hash of RFC 6962 §2.1: leaves hashed as `SHA-256(0x00 ‖ leaf)`, interior nodes as
/// `SHA-256(0x01 ‖ left ‖ right)`, the tree of n leaves split at the largest power of two below n.
/// The domain separation byte means a leaf can never be passed off as a node, or the reverse.
public enum MerkleTree {
    public static func leafHash(_ leaf: Data) -> Data {
        Data(SHA256.hash(data: Data([0x00]) + leaf))
    }

    public static func nodeHash(_ left: Data, _ right: Data) -> Data {
        Data(SHA256.hash(data: Data([0x01]) + left + right))
    }

    /// MTH(D[n]) computed from the leaf hashes.
    public static func rootHash<C: RandomAccessCollection>(leafHashes: C) -> Data where C.Element == Data, C.Index == Int {
        switch leafHashes.count {
        case 0: return Data(SHA256.hash(data: Data()))
        case 1: return leafHashes[leafHashes.startIndex]
        default:
            let split = largestPowerOfTwo(below: leafHashes.count)
            let middle = leafHashes.startIndex + split
            return nodeHash(rootHash(leafHashes: leafHashes[leafHashes.startIndex..<middle]),
                            rootHash(leafHashes: leafHashes[middle..<leafHashes.endIndex]))
        }
    }

    /// PROOF(m, D[n]) of RFC 6962 §2.1.2: what shows that the first m leaves are a prefix of all n.
    public static func consistencyProof(oldSize: Int, leafHashes: [Data]) -> [Data] {
        guard oldSize > 0, oldSize < leafHashes.count else { return [] }
        return subproof(oldSize, leafHashes[...], complete: true)
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<Data>, complete: Bool) -> [Data] {
        let n = leaves.count
        if m == n { return complete ? [] : [rootHash(leafHashes: leaves)] }
        let k = largestPowerOfTwo(below: n)
        let middle = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[leaves.startIndex..<middle], complete: complete)
                + [rootHash(leafHashes: leaves[middle...])]
        }
        return subproof(m - k, leaves[middle...], complete: false) + [rootHash(leafHashes: leaves[..<middle])]
    }

    /// Checks a consistency proof between two tree heads (the algorithm of RFC 9162 §2.1.4.2).
    public static func verifyConsistency(oldSize: Int, newSize: Int, oldRoot: Data, newRoot: Data, proof: [Data]) -> Bool {
        guard oldSize > 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        var path = proof
        if oldSize.nonzeroBitCount == 1 { path.insert(oldRoot, at: 0) }
        guard !path.isEmpty else { return false }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }

    static func largestPowerOfTwo(below n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}
