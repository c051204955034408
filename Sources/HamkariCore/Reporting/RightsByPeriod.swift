/// Documented violations by right affected and by year (in the report's calendar): the table a
/// UPR stakeholder submission annexes. An event counts once under each right any of its acts
/// affected, in the year of its first day; events without a day are counted under "undated".
public enum RightsByPeriod {
    public static let undated = "undated"

    /// `acts`: each act's event, the event's first day (Gregorian `YYYY-MM-DD`, empty when unknown)
    /// and the codes of the rights it affected. `order`: the rights in the order to show them.
    public static func table(_ acts: [(event: String, day: String, rights: [String])], order: [String], in calendar: CalendarSystem) -> CountTable {
        var seen = Set<[String]>()
        var counts: [String: [String: Int]] = [:]
        for act in acts {
            let year = CalendarDay(iso: act.day)?.converted(to: calendar).map { String($0.year) } ?? undated
            for right in act.rights where seen.insert([act.event, right]).inserted {
                counts[right, default: [:]][year, default: 0] += 1
            }
        }
        let years = Set(counts.values.flatMap(\.keys))
        let columns = years.filter { $0 != undated }.sorted() + (years.contains(undated) ? [undated] : [])
        let rows = order.filter { counts[$0] != nil } + counts.keys.filter { !order.contains($0) }.sorted()
        return CountTable(rows: rows, columns: columns, counts: rows.map { right in columns.map { counts[right]?[$0] ?? 0 } })
    }
}
