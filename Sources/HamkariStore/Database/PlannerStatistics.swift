import SQLKit

/// Table statistics for the query planner. Without them SQLite cannot tell that a district holds a
/// few hundred of 100,000 events, and walks the list-order index instead of the district's; they
/// are refreshed after bulk writes and, on SQLite, made at opening when missing. PostgreSQL's
/// autovacuum keeps its own, but a bulk import asks for them at once.
enum PlannerStatistics {
    static func refresh(in database: any SQLDatabase, dialect: DatabaseDialect) async throws {
        switch dialect {
        case .sqlite:
            // A sampled analysis: milliseconds even on large tables.
            try await database.raw("PRAGMA analysis_limit = 1000").run()
            try await database.raw("ANALYZE").run()
        case .postgres:
            // The search table too: without its statistics a word search planned its token match as
            // if it kept every row (measured on 20,000 events: p95 175 ms, 68 ms once analysed).
            try await database.raw("ANALYZE events, event_acts, event_involvements, event_people, event_search").run()
        }
    }

    /// After a bulk write: on SQLite only the tables whose size changed tenfold since they were last
    /// analysed (or never were) are analysed again (`PRAGMA optimize`). A full ANALYZE counts every
    /// index entry: 0.6 s after each import into 100,000 events, for statistics that barely moved.
    static func refreshAfterBulkWrite(in database: any SQLDatabase, dialect: DatabaseDialect) async throws {
        switch dialect {
        case .sqlite: try await database.raw("PRAGMA optimize = 0x10002").run()
        case .postgres: try await refresh(in: database, dialect: dialect)
        }
    }

    /// On SQLite, when the statistics were never made (a new or an older database).
    static func ensure(_ backend: any DatabaseBackend) async throws {
        guard backend.dialect == .sqlite else { return }
        let exists = try await backend.read { database in
            try await database.raw("SELECT 1 AS present FROM sqlite_master WHERE name = 'sqlite_stat1'").first() != nil
        }
        if !exists { try await backend.transaction { database in try await refresh(in: database, dialect: .sqlite) } }
    }
}
