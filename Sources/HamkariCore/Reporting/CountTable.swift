/// Counts in rows and columns (a list of counts is a table of one column), with the totals a
/// reader sees beside them.
public struct CountTable: Hashable, Sendable {
    public var rows: [String]
    public var columns: [String]
    /// `counts[row][column]`.
    public var counts: [[Int]]

    public init(rows: [String], columns: [String], counts: [[Int]]) {
        precondition(counts.count == rows.count && counts.allSatisfy { $0.count == columns.count }, "a count for every row and column")
        self.rows = rows
        self.columns = columns
        self.counts = counts
    }

    /// A list of counts, in its given order, as a table of one column.
    public init(_ pairs: [(key: String, count: Int)], column: String = "count") {
        self.init(rows: pairs.map(\.key), columns: [column], counts: pairs.map { [$0.count] })
    }

    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    public var columnTotals: [Int] { columns.indices.map { column in counts.reduce(0) { $0 + $1[column] } } }
    public var total: Int { rowTotals.reduce(0, +) }
}

/// A figure as a reader sees it: the count, or held back because it is small enough to point at
/// someone (or would let such a count be worked out).
public enum ShownCount: Hashable, Sendable {
    case count(Int)
    case suppressed

    public var value: Int? {
        if case let .count(value) = self { value } else { nil }
    }
}

/// A table as shown: cells and totals, some of them suppressed.
public struct ShownTable: Hashable, Sendable {
    public var rows: [String]
    public var columns: [String]
    public var cells: [[ShownCount]]
    /// Shown beside each row when the table has more than one column.
    public var rowTotals: [ShownCount]
    /// Shown under each column when the table has more than one row.
    public var columnTotals: [ShownCount]
    public var total: ShownCount
    /// How many cells and totals were held back.
    public var suppressedCount: Int {
        (cells.flatMap { $0 } + rowTotals + columnTotals + [total]).filter { $0 == .suppressed }.count
    }

    /// Every figure as it is, for readers who may see them all.
    public init(unsuppressed table: CountTable) {
        rows = table.rows
        columns = table.columns
        cells = table.counts.map { $0.map(ShownCount.count) }
        rowTotals = table.rowTotals.map(ShownCount.count)
        columnTotals = table.columnTotals.map(ShownCount.count)
        total = .count(table.total)
    }

    /// The `count` rows with the largest totals, in that order (rows held back come last); the
    /// column totals and the total stay those of every row.
    public func largest(_ count: Int) -> ShownTable {
        let size = { (row: Int) in self.rowTotals[row].value ?? -1 }
        let kept = rows.indices.sorted { size($0) != size($1) ? size($0) > size($1) : $0 < $1 }.prefix(count)
        return ShownTable(rows: kept.map { rows[$0] }, columns: columns, cells: kept.map { cells[$0] },
                          rowTotals: kept.map { rowTotals[$0] }, columnTotals: columnTotals, total: total)
    }

    init(rows: [String], columns: [String], cells: [[ShownCount]], rowTotals: [ShownCount], columnTotals: [ShownCount], total: ShownCount) {
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.total = total
    }
}
