import Foundation

/// A file kept as evidence for an event: stored encrypted; its SHA-256, computed as it arrived,
/// lets anyone holding a copy check that it is the same file. A photo may also have a working
/// copy without metadata (`MetadataStripper`); the original is never changed.
public struct EvidenceFile: Hashable, Sendable, Identifiable {
    public enum Variant: String, Sendable, CaseIterable {
        case original, working
    }

    public var id: UUID
    public var eventID: UUID
    public var filename: String
    public var mediaType: String
    public var sha256: String
    public var size: Int
    /// Size of the metadata-free working copy, when there is one.
    public var workingSize: Int?
    public var uploadedBy: String
    public var createdAt: Date

    public init(id: UUID, eventID: UUID, filename: String, mediaType: String, sha256: String, size: Int, workingSize: Int?,
                uploadedBy: String, createdAt: Date) {
        self.id = id
        self.eventID = eventID
        self.filename = filename
        self.mediaType = mediaType
        self.sha256 = sha256
        self.size = size
        self.workingSize = workingSize
        self.uploadedBy = uploadedBy
        self.createdAt = createdAt
    }
}

/// One step in an evidence file's chain of custody.
public struct CustodyEntry: Hashable, Sendable {
    public enum Action: String, Sendable {
        case uploaded, workingCopyMade = "working_copy_made", viewed, downloaded, exported
    }

    public var time: Date
    public var actor: String
    public var action: Action
    /// For a download: which variant.
    public var detail: String

    public init(time: Date, actor: String, action: Action, detail: String = "") {
        self.time = time
        self.actor = actor
        self.action = action
        self.detail = detail
    }
}
