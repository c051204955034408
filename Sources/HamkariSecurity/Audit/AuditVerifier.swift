import Foundation

/// Recomputes the audit log's Merkle tree from its entries and names every way the stored log
/// departs from what was written: a changed entry, a missing or extra one, entries in another
/// order, or a log that no longer matches a signed checkpoint (including one shorter than it).
public enum AuditVerifier {
    public struct StoredEntry: Sendable {
        public let entry: AuditEntry
        /// The leaf hash written when the entry was appended.
        public let storedLeafHash: Data

        public init(entry: AuditEntry, storedLeafHash: Data) {
            self.entry = entry
            self.storedLeafHash = storedLeafHash
        }
    }

    public struct Report: Sendable {
        public let entryCount: Int
        public let rootHash: Data
        public let checkpointsChecked: Int
        public let problems: [String]
        public var isIntact: Bool { problems.isEmpty }
    }

    public static func verify(
        _ stored: [StoredEntry], checkpoints: [AuditCheckpoint], trustedKey: Data? = nil
    ) -> Report {
        var problems: [String] = []
        var leafHashes: [Data] = []
        var expectedSequence: Int64 = 1
        for item in stored {
            let sequence = item.entry.sequence
            if sequence > expectedSequence {
                problems.append(expectedSequence == sequence - 1
                    ? "entry \(expectedSequence) is missing (deleted)"
                    : "entries \(expectedSequence)–\(sequence - 1) are missing (deleted)")
            } else if sequence < expectedSequence {
                problems.append("entry \(sequence) appears out of order (after entry \(expectedSequence - 1))")
            }
            expectedSequence = max(expectedSequence, sequence + 1)
            let leaf = item.entry.leafHash
            if leaf != item.storedLeafHash {
                problems.append("entry \(sequence) was changed after it was written")
            }
            leafHashes.append(leaf)
        }
        for checkpoint in checkpoints.sorted(by: { $0.treeSize < $1.treeSize }) {
            do {
                try checkpoint.verifySignature(trustedKey: trustedKey)
            } catch {
                problems.append("the checkpoint of \(checkpoint.treeSize) entries is not signed by the expected key")
                continue
            }
            guard checkpoint.treeSize <= leafHashes.count else {
                problems.append("the log was truncated: a checkpoint covers \(checkpoint.treeSize) entries, only \(leafHashes.count) remain")
                continue
            }
            let root = MerkleTree.rootHash(leafHashes: Array(leafHashes.prefix(checkpoint.treeSize)))
            if root != checkpoint.rootHash {
                problems.append("the first \(checkpoint.treeSize) entries no longer match their signed checkpoint: an entry at or before \(checkpoint.treeSize) was rewritten")
            }
        }
        return Report(entryCount: leafHashes.count, rootHash: MerkleTree.rootHash(leafHashes: leafHashes),
                      checkpointsChecked: checkpoints.count, problems: problems)
    }
}
