import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How large the write-ahead log may grow. The checkpointer copies the log beside the writer
/// (`SQLiteCheckpointer`), but SQLite starts the log afresh only when a checkpoint has copied all
/// of it before the next write begins; bulk writes that follow each other (`demo generate`'s
/// batches, imports one after another) never leave that moment, and generating 1,000,000 events
/// grew the log to 14.8 GB beside a 4.2 GB database — disk a laptop may not have, a long replay
/// after a crash, old page images kept that long. Past `restartAboveBytes`, the writer waits between
/// two transactions while the rest of the log is copied (`SQLiteCheckpointer.catchUp`), so the next
/// transaction starts the log again from the top, and SQLite cuts the file back to
/// `journalSizeLimitBytes` (`PRAGMA journal_size_limit`).
struct SQLiteLogBound: Sendable {
    var restartAboveBytes: Int
    var journalSizeLimitBytes: Int

    /// Far above what saves write between two checkpoints, so only bulk writes meet it: a 5,000-event
    /// import writes 70–90 MB of log.
    static let standard = SQLiteLogBound(restartAboveBytes: 256 << 20, journalSizeLimitBytes: 64 << 20)

    var journalSizeLimitPragma: String { "journal_size_limit = \(journalSizeLimitBytes)" }

    /// Whether the log beside the database at `databasePath` is past the bound. The file's size is
    /// the log's: once restarted, it is cut back below the bound and grows again only as it fills.
    /// Asked after every commit, so one `stat` (FileManager's attributes took 22 µs and seven system
    /// calls, looking up the owner's names too).
    func isExceeded(databasePath: String) -> Bool {
        var info = stat()
        guard stat(databasePath + "-wal", &info) == 0 else { return false }
        return Int(info.st_size) > restartAboveBytes
    }
}
