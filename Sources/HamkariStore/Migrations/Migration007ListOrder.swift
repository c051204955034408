import SQLKit

extension Migrations {
    /// The order lists and searches show events in (newest date first, then reference), as an index:
    /// a page then walks the index and stops after it, instead of sorting every visible event. And
    /// events by district and date, for the likely-duplicate check every save runs.
    static let m007ListOrder = Migration(7, "events: indexes in list order and by district and date") { database, dialect in
        let newest: SQLQueryString = switch dialect {
        case .sqlite: "CREATE INDEX events_newest ON events (COALESCE(date_first, ''), reference)"
        case .postgres: "CREATE INDEX events_newest ON events ((COALESCE(date_first, '')), reference)"
        }
        try await database.raw(newest).run()
        try await database.raw("CREATE INDEX events_by_district_date ON events (district_pcode, date_first, date_last)").run()
    }
}
