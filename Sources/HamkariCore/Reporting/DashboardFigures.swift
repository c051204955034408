/// What the dashboard counts, over the records the reader may see and the filters chosen. Events
/// are counted once each (under each of its types of act or of perpetrator when it has several);
/// victims are the people named as victims of an act plus the groups counted without names (a
/// group in several acts of one event counted once, at its largest).
public struct DashboardFigures: Hashable, Sendable {
    public var byMonth: CountTable
    public var byActType: CountTable
    public var byPerpetratorType: CountTable
    public var byProvince: CountTable
    public var byDistrict: CountTable
    public var byStatus: CountTable
    /// Rows: female, male, unknown; columns: child (under 18), adult, age unknown.
    public var victims: CountTable
    /// Rows: months; columns: opened, closed. Empty for readers who may not see protection cases.
    public var cases: CountTable
    /// Rows: provinces; one column: participants of awareness sessions.
    public var awareness: CountTable
    /// Events without a day, left out of `byMonth`.
    public var undated: Int

    public init(byMonth: CountTable, byActType: CountTable, byPerpetratorType: CountTable, byProvince: CountTable, byDistrict: CountTable,
                byStatus: CountTable, victims: CountTable, cases: CountTable, awareness: CountTable, undated: Int) {
        self.byMonth = byMonth
        self.byActType = byActType
        self.byPerpetratorType = byPerpetratorType
        self.byProvince = byProvince
        self.byDistrict = byDistrict
        self.byStatus = byStatus
        self.victims = victims
        self.cases = cases
        self.awareness = awareness
        self.undated = undated
    }

    public static let sexes = ["female", "male", "unknown"]
    public static let ages = ["child", "adult", "unknown"]

    /// Every table, by the name it has in the API and in exports.
    public var tables: [(name: String, table: CountTable)] {
        [("by_month", byMonth), ("by_act_type", byActType), ("by_perpetrator_type", byPerpetratorType), ("by_province", byProvince),
         ("by_district", byDistrict), ("by_status", byStatus), ("victims", victims), ("cases", cases), ("awareness", awareness)]
    }

    /// The tables as a reader sees them: suppressed under `control`, or whole when it is nil.
    public func shown(under control: DisclosureControl?) -> [(name: String, table: ShownTable)] {
        tables.map { entry in (entry.name, control.map { $0.protect(entry.table) } ?? ShownTable(unsuppressed: entry.table)) }
    }
}
