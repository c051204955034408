import Crypto
import Foundation
import HamkariSecurity
import Testing

/// Vectors from RFC 6962's reference implementation (certificate-transparency merkle_tree_test.cc)
/// and transparency-dev/merkle's rfc6962_test.go.
@Suite("Merkle tree (RFC 6962)")
struct MerkleTreeTests {
    static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }
    static func bytes(_ hex: String) -> Data {
        Data(stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! })
    }

    static let inputs = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(bytes)
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
    static var leafHashes: [Data] { inputs.map(MerkleTree.leafHash) }

    @Test("Leaf, node and empty-tree hashes")
    func hashes() {
        #expect(Self.hex(MerkleTree.leafHash(Data("L123456".utf8))) == "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56")
        #expect(Self.hex(MerkleTree.nodeHash(Data("N123".utf8), Data("N456".utf8))) == "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb")
        #expect(Self.hex(MerkleTree.rootHash(leafHashes: [Data]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("Roots of the first 1 to 8 reference leaves")
    func roots() {
        for size in 1...8 {
            #expect(Self.hex(MerkleTree.rootHash(leafHashes: Array(Self.leafHashes.prefix(size)))) == Self.roots[size - 1], "size \(size)")
        }
    }

    @Test("Consistency proofs match the reference ones and verify", arguments: [
        (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
        (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
        (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    ])
    func consistency(oldSize: Int, newSize: Int, expected: [String]) {
        let proof = MerkleTree.consistencyProof(oldSize: oldSize, leafHashes: Array(Self.leafHashes.prefix(newSize)))
        #expect(proof.map(Self.hex) == expected)
        let oldRoot = Self.bytes(Self.roots[oldSize - 1])
        let newRoot = Self.bytes(Self.roots[newSize - 1])
        #expect(MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
        #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: newRoot, newRoot: newRoot, proof: proof))
        var tampered = proof
        tampered[0][0] ^= 1
        #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: tampered))
        #expect(!MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: Array(proof.dropLast())))
    }

    @Test("Every prefix of every tree up to 40 leaves is provably consistent")
    func exhaustive() {
        let leaves = (0..<40).map { MerkleTree.leafHash(Data("entry \($0)".utf8)) }
        for newSize in 2...40 {
            let newRoot = MerkleTree.rootHash(leafHashes: Array(leaves.prefix(newSize)))
            for oldSize in 1..<newSize {
                let proof = MerkleTree.consistencyProof(oldSize: oldSize, leafHashes: Array(leaves.prefix(newSize)))
                let oldRoot = MerkleTree.rootHash(leafHashes: Array(leaves.prefix(oldSize)))
                #expect(MerkleTree.verifyConsistency(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: proof),
                        "\(oldSize) → \(newSize)")
            }
        }
    }

    @Test("Signed checkpoints verify, and a changed size, root or time does not")
    func checkpoints() throws {
        let key = Curve25519.Signing.PrivateKey()
        let root = Self.bytes(Self.roots[7])
        let checkpoint = try AuditCheckpoint.sign(treeSize: 8, rootHash: root, time: 1_790_000_000, key: key)
        try checkpoint.verifySignature()
        try checkpoint.verifySignature(trustedKey: key.publicKey.rawRepresentation)
        var changed = checkpoint
        changed.treeSize = 7
        #expect(throws: AuditCheckpoint.Failure.badSignature) { try changed.verifySignature() }
        changed = checkpoint
        changed.time += 1
        #expect(throws: AuditCheckpoint.Failure.badSignature) { try changed.verifySignature() }
        #expect(throws: AuditCheckpoint.Failure.badSignature) {
            try checkpoint.verifySignature(trustedKey: Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        }
    }

    @Test("An entry's leaf changes with any of its fields, even text moved between fields")
    func entryLeaves() {
        let entry = AuditEntry(sequence: 1, time: 10, actor: "u1", action: "login", target: "u1", outcome: "ok")
        var moved = entry
        moved.actor = "u1l"
        moved.action = "ogin"
        #expect(entry.leafHash != moved.leafHash)
        var renumbered = entry
        renumbered.sequence = 2
        #expect(entry.leafHash != renumbered.leafHash)
    }
}
