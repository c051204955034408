import Foundation

/// One line of the audit log: who did what to which record, and how it ended. It never holds
/// personal data — only ids — so the log can be shared with other members for verification.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var sequence: Int64
    public var time: Int64
    public var actor: String
    public var action: String
    public var target: String
    public var outcome: String

    public init(sequence: Int64, time: Int64, actor: String, action: String, target: String, outcome: String) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
    }

    /// The exact bytes hashed as this entry's leaf: fields separated by a unit separator, so that
    /// moving text from one field to its neighbour changes the hash.
    public var leafData: Data {
        Data([String(sequence), String(time), actor, action, target, outcome].joined(separator: "\u{1F}").utf8)
    }

    public var leafHash: Data { MerkleTree.leafHash(leafData) }
}
