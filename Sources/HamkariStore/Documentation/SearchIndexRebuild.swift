import Foundation
import HamkariCore
import HamkariSecurity
import SQLKit

/// Rebuilds every event's full-text row from its sealed record: after a migration re-keyed the
/// rows (which it cannot do itself: the tokens are keyed, and a migration runs without the keys),
/// at the next opening with the keys. One transaction: the index is whole before and after.
struct SearchIndexRebuild {
    let store: Store

    func runIfNeeded() async throws {
        guard try await store.settings.value(.searchIndexRebuild) != nil else { return }
        try await run()
    }

    @discardableResult
    func run() async throws -> Int {
        let keys = store.keys
        let dialect = store.backend.dialect
        let reader = EventRecordReader(keys: keys)
        let notes = Sealing(keys: keys, table: "event_acts")
        return try await store.backend.transaction { database in
            let index = SearchIndex(dialect: dialect)
            try await database.raw("DELETE FROM event_search").run()
            var after: Int64? = nil
            var indexed = 0
            while true {
                var page = database.select().column("*").from("events").orderBy("order_key").limit(500)
                if let after { page = page.where("order_key", .greaterThan, after) }
                let rows = try await page.all()
                guard let last = rows.last else { break }
                let events = try rows.map { (event: try reader.decodeEvent($0), key: try $0.decode(column: "order_key", as: Int64.self)) }
                var actNotes: [String: [String]] = [:]
                let ids = SQLGroupExpression(SQLList(events.map { SQLBind($0.event.id.text) }))
                for row in try await database.select().columns("id", "event_id", "notes_sealed").from("event_acts")
                    .where("event_id", .in, ids).orderBy("position").all() {
                    actNotes[try row.text("event_id"), default: []].append(try notes.open(row, "notes_sealed", id: try row.text("id")))
                }
                var words = SearchTokenizer.Memo()
                var entries: [SearchIndex.Entry] = []
                for entry in events {
                    let text = Event.searchableText(title: entry.event.title, description: entry.event.description,
                                                    actNotes: actNotes[entry.event.id.text] ?? [])
                    entries.append((entry.event.id.text, entry.key, keys.searchTokens.tokens(for: text, remembering: &words)))
                }
                try await index.insertNew(entries, in: database)
                indexed += events.count
                after = try last.decode(column: "order_key", as: Int64.self)
            }
            try await SettingsRepository.remove(.searchIndexRebuild, in: database)
            try await AuditLogRepository.append(
                AuditEvent(actor: AuditEvent.systemActor, action: .searchIndexRebuilt, target: "\(indexed) events"), in: database, dialect: dialect)
            return indexed
        }
    }
}
