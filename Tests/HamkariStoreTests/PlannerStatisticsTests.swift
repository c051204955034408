import Foundation
import HamkariCore
import HamkariStore
import SQLKit
import TestSupport
import Testing

@Suite("Planner statistics after an import")
struct PlannerStatisticsTests {
    @Test("An import of 500 events or more leaves the planner knowing how many events there are", arguments: TestDatabase.all)
    func statisticsFollowAnImport(database: TestDatabase) async throws {
        try await database.withStore { store async throws in
            let fixture = try await DocumentationFixture.make(store)
            let generated = DemoEvents(organisations: [fixture.own.id], authorID: fixture.author.id)
                .events(in: 0..<600, seed: 5, now: Date(timeIntervalSince1970: 1_780_000_000))
            _ = try await store.events.createAll(generated, actor: "test", source: "test")
            let known = try await store.backend.read { sql in
                switch store.backend.dialect {
                case .sqlite:
                    // The first number of an index's statistics is the table's row count.
                    try await sql.raw("SELECT stat FROM sqlite_stat1 WHERE tbl = 'events' AND idx = 'events_in_order'").first()
                        .flatMap { try $0.decode(column: "stat", as: String.self).split(separator: " ").first.flatMap { Int($0) } }
                case .postgres:
                    try await sql.raw("SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'events'").first()?
                        .decode(column: "n", as: Int.self)
                }
            }
            #expect(known == 600)
            if store.backend.dialect == .postgres {
                let searchRows = try await store.backend.read { sql in
                    try await sql.raw("SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'event_search'").first()?.decode(column: "n", as: Int.self)
                }
                #expect(searchRows == 600, "the search table is analysed too")
            }
        }
    }
}
