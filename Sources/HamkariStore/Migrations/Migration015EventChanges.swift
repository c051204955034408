extension Migrations {
    /// The last change of each event (created, edited, moved, deleted), numbered in commit order:
    /// the in-memory facts the dashboard counts are brought up to date from it (`EventFactsCache`).
    /// A deleted event keeps its row, so that every process learns it is gone.
    static let m015EventChanges = Migration(15, "event_changes: each event's last change, in commit order") { t in [
        "CREATE TABLE event_changes (event_id \(t.text) PRIMARY KEY, seq \(t.bigint) NOT NULL)",
        "CREATE INDEX event_changes_by_seq ON event_changes (seq)",
    ] }
}
