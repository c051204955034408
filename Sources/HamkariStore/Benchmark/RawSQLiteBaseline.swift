import Foundation
import HamkariCore
import Logging
import SQLKit
import SQLiteNIO

/// The limit a benchmark compares Hamkari with: the same events written to a plain SQLite file
/// (same durability settings, one transaction, multi-row inserts, plaintext, no sealing, no audit,
/// no history) and searched with a plain FTS5 index. What Hamkari adds is the ratio to this.
public struct RawSQLiteBaseline: Sendable {
    public struct Result: Sendable {
        public var events: Int
        public var acts: Int
        public var insertSeconds: Double
        public var searchLatencies: [Duration]
        public var listLatencies: [Duration]
    }

    public init() {}

    /// Writes `count` events (made a slice at a time by `slice`) into a new file at `path`, then runs
    /// each query `rounds` times. Only the database's work is timed.
    public func run(
        count: Int, slice: @Sendable (Range<Int>) -> [Event], path: String, searchWords: [String], rounds: Int
    ) async throws -> Result {
        try? FileManager.default.removeItem(atPath: path)
        var logger = Logger(label: "hamkari.bench.raw")
        logger.logLevel = .error
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let result = try await measure(count, slice, connection.sql(), searchWords: searchWords, rounds: rounds)
            try await connection.close()
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private func measure(
        _ count: Int, _ slice: (Range<Int>) -> [Event], _ database: any SQLDatabase, searchWords: [String], rounds: Int
    ) async throws -> Result {
        for statement in [
            "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
            "CREATE TABLE events (id TEXT PRIMARY KEY, title TEXT, description TEXT, province TEXT, district TEXT, date_first TEXT, status TEXT)",
            "CREATE INDEX events_date ON events (date_first)",
            "CREATE TABLE acts (id TEXT PRIMARY KEY, event_id TEXT REFERENCES events (id), act_type TEXT, notes TEXT)",
            "CREATE TABLE people (id TEXT PRIMARY KEY, event_id TEXT REFERENCES events (id), name TEXT, sex TEXT)",
            "CREATE VIRTUAL TABLE search USING fts5 (text)",
        ] {
            try await database.raw(SQLQueryString(statement)).run()
        }
        let clock = ContinuousClock()
        var inserting = Duration.zero
        var started = clock.now
        try await database.raw("BEGIN").run()
        var acts = 0
        var rowid: Int64 = 0
        for start in stride(from: 0, to: count, by: 500) {
            inserting += clock.now - started
            let chunk = slice(start..<min(start + 500, count))
            started = clock.now
            var eventRows = database.insert(into: "events").columns("id", "title", "description", "province", "district", "date_first", "status")
            var actRows = database.insert(into: "acts").columns("id", "event_id", "act_type", "notes")
            var peopleRows = database.insert(into: "people").columns("id", "event_id", "name", "sex")
            var searchRows = database.insert(into: "search").columns("rowid", "text")
            var hasActs = false, hasPeople = false
            for event in chunk {
                rowid += 1
                eventRows = eventRows.values(SQLBind(event.id.text), SQLBind(event.title), SQLBind(event.description),
                                             SQLBind(event.provincePcode), SQLBind(event.districtPcode), SQLBind(event.date?.firstISO),
                                             SQLBind(event.status.rawValue))
                for act in event.acts {
                    actRows = actRows.values(SQLBind(act.id.text), SQLBind(event.id.text), SQLBind(act.type), SQLBind(act.notes))
                    hasActs = true
                    acts += 1
                }
                for person in event.people {
                    peopleRows = peopleRows.values(SQLBind(person.id.text), SQLBind(event.id.text), SQLBind(person.identity?.name ?? ""),
                                                   SQLBind(person.sex.rawValue))
                    hasPeople = true
                }
                searchRows = searchRows.values(SQLBind(rowid), SQLBind(event.searchableText))
            }
            try await eventRows.run()
            if hasActs { try await actRows.run() }
            if hasPeople { try await peopleRows.run() }
            try await searchRows.run()
        }
        try await database.raw("COMMIT").run()
        let insertSeconds = (inserting + (clock.now - started)).seconds
        var searches: [Duration] = []
        var lists: [Duration] = []
        for round in 0..<rounds {
            let word = searchWords.isEmpty ? "school" : searchWords[round % searchWords.count]
            let searchStart = clock.now
            _ = try await database.raw("""
                SELECT id, title, date_first FROM events WHERE rowid IN (SELECT rowid FROM search WHERE search MATCH \(bind: "\"\(word)\""))
                ORDER BY date_first DESC LIMIT 50
                """).all()
            searches.append(clock.now - searchStart)
            let listStart = clock.now
            _ = try await database.raw("SELECT id, title, date_first FROM events ORDER BY date_first DESC LIMIT 50 OFFSET \(bind: round % 20 * 50)").all()
            lists.append(clock.now - listStart)
        }
        return Result(events: count, acts: acts, insertSeconds: insertSeconds, searchLatencies: searches, listLatencies: lists)
    }
}
