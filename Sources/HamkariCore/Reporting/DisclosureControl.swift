/// Small-cell suppression for aggregates shown to outside partners or published: a count above
/// zero and below the threshold is held back (primary suppression), and then, wherever a row or a
/// column (with its total) holds exactly one held-back figure — which its total would give away —
/// the smallest other figure above zero in that line is held back too (secondary suppression),
/// until no line has exactly one. Zeros are shown: that nothing was documented is not a person.
public struct DisclosureControl: Hashable, Sendable {
    public static let defaultThreshold = 5

    /// Counts from 1 to `threshold - 1` are held back.
    public var threshold: Int

    public init(threshold: Int = Self.defaultThreshold) {
        self.threshold = max(1, threshold)
    }

    private struct Position: Hashable {
        let row: Int
        let column: Int
    }

    public func protect(_ table: CountTable) -> ShownTable {
        let rowCount = table.rows.count, columnCount = table.columns.count
        guard rowCount > 0, columnCount > 0 else { return ShownTable(unsuppressed: table) }
        // The table with its margins: row `rowCount` holds the column totals, column `columnCount` the row totals.
        var grid = table.counts.enumerated().map { $0.element + [table.rowTotals[$0.offset]] }
        grid.append(table.columnTotals + [table.total])
        // A table of one column (or one row) shows no totals beside it: they would repeat the cells.
        let showsRowTotals = columnCount > 1, showsColumnTotals = rowCount > 1
        var lines: [[Position]] = []
        if showsRowTotals {
            for row in 0...(showsColumnTotals ? rowCount : rowCount - 1) { lines.append((0...columnCount).map { Position(row: row, column: $0) }) }
        }
        if showsColumnTotals {
            for column in 0...(showsRowTotals ? columnCount : columnCount - 1) { lines.append((0...rowCount).map { Position(row: $0, column: column) }) }
        }
        if !showsRowTotals && !showsColumnTotals {
            lines.append([Position(row: 0, column: 0), Position(row: 0, column: columnCount)])
        }
        func isShown(_ position: Position) -> Bool {
            if position.row < rowCount && position.column == columnCount { return showsRowTotals }
            if position.row == rowCount && position.column < columnCount { return showsColumnTotals }
            return true
        }
        var held = Set<Position>()
        for row in 0...rowCount {
            for column in 0...columnCount where (1..<threshold).contains(grid[row][column]) {
                held.insert(Position(row: row, column: column))
            }
        }
        var changed = true
        while changed {
            changed = false
            for line in lines where line.filter(held.contains).count == 1 {
                let others = line.filter { !held.contains($0) && isShown($0) }
                // The smallest count above zero, a cell before a total; only zeros left: the line's total.
                let isTotal = { (position: Position) in position.row == rowCount || position.column == columnCount }
                let chosen = others.filter { grid[$0.row][$0.column] > 0 }
                    .min { (grid[$0.row][$0.column], isTotal($0) ? 1 : 0) < (grid[$1.row][$1.column], isTotal($1) ? 1 : 0) }
                    ?? others.first(where: isTotal)
                if let chosen {
                    held.insert(chosen)
                    changed = true
                }
            }
        }
        func shown(_ row: Int, _ column: Int) -> ShownCount {
            held.contains(Position(row: row, column: column)) ? .suppressed : .count(grid[row][column])
        }
        return ShownTable(rows: table.rows, columns: table.columns,
                          cells: (0..<rowCount).map { row in (0..<columnCount).map { shown(row, $0) } },
                          rowTotals: (0..<rowCount).map { shown($0, columnCount) },
                          columnTotals: (0..<columnCount).map { shown(rowCount, $0) },
                          // With one column (or one row) the table's total is that column's (or row's), as held back or not.
                          total: columnCount == 1 ? shown(rowCount, 0) : rowCount == 1 ? shown(0, columnCount) : shown(rowCount, columnCount))
    }
}
