import HamkariCore
import Testing

@Suite("Disclosure control: small cells held back, and whatever a total would give away")
struct DisclosureControlTests {
    let control = DisclosureControl(threshold: 5)

    /// Whether some row or column (with its total) holds exactly one held-back figure: its total would reveal it.
    static func revealsOne(_ table: ShownTable) -> Bool {
        let multiRow = table.rows.count > 1, multiColumn = table.columns.count > 1
        var lines: [[ShownCount]] = []
        if multiColumn {
            lines += table.cells.indices.map { table.cells[$0] + [table.rowTotals[$0]] }
            if multiRow { lines.append(table.columnTotals + [table.total]) }
        }
        if multiRow {
            lines += table.columns.indices.map { column in table.cells.map { $0[column] } + [table.columnTotals[column]] }
            if multiColumn { lines.append(table.rowTotals + [table.total]) }
        }
        return lines.contains { $0.filter { $0 == .suppressed }.count == 1 }
    }

    @Test("A list: a small count is held back, and the next smallest with it, or the total would give it away")
    func list() {
        let shown = control.protect(CountTable([("arbitrary_detention", 12), ("threat", 3), ("killing", 20), ("torture", 0)]))
        #expect(shown.cells.map { $0[0] } == [.suppressed, .suppressed, .count(20), .count(0)])
        #expect(shown.total == .count(35), "the total alone reveals neither: 15 could be 12 + 3 or 14 + 1")
        #expect(!Self.revealsOne(shown))
    }

    @Test("A list whose other counts are all zero: the total is what gets held back")
    func totalHeldBack() {
        let shown = control.protect(CountTable([("a", 3), ("b", 0), ("c", 0)]))
        #expect(shown.cells.map { $0[0] } == [.suppressed, .count(0), .count(0)])
        #expect(shown.total == .suppressed)
    }

    @Test("Nothing below the threshold: every figure shown")
    func nothingSmall() {
        let table = CountTable(rows: ["female", "male"], columns: ["child", "adult"], counts: [[5, 9], [7, 0]])
        #expect(control.protect(table) == ShownTable(unsuppressed: table))
    }

    @Test("A table: rows, columns and their totals never hold exactly one held-back figure")
    func crossTable() {
        let table = CountTable(rows: ["female", "male", "unknown"], columns: ["child", "adult", "unknown"],
                               counts: [[2, 30, 7], [11, 40, 6], [9, 8, 25]])
        let shown = control.protect(table)
        #expect(shown.cells[0][0] == .suppressed, "primary")
        #expect(!Self.revealsOne(shown))
        #expect(shown.suppressedCount >= 4, "a lone small cell in a table takes at least a rectangle of four with it")
        // What is shown is the truth: held back is never replaced by another number.
        for row in table.rows.indices {
            for column in table.columns.indices { #expect(shown.cells[row][column].value.map { $0 == table.counts[row][column] } ?? true) }
        }
        #expect(shown.total == .count(table.total))
    }

    @Test("A small total is itself held back, with what would reveal it", arguments: [2, 3, 10])
    func smallTotals(threshold: Int) {
        let table = CountTable(rows: ["AF1801", "AF1808"], columns: ["verified", "submitted"], counts: [[1, 1], [20, 30]])
        let shown = DisclosureControl(threshold: threshold).protect(table)
        #expect(!Self.revealsOne(shown))
        for (row, totals) in table.rowTotals.enumerated() where (1..<threshold).contains(totals) {
            #expect(shown.rowTotals[row] == .suppressed)
        }
        #expect(shown.cells.flatMap { $0 }.compactMap(\.value).allSatisfy { $0 == 0 || $0 >= threshold })
    }

    @Test("The largest rows of a table: by their totals, ties in their order, held-back rows last; the totals stay those of every row")
    func largest() {
        let shown = control.protect(CountTable([("a", 7), ("b", 30), ("c", 2), ("d", 7), ("e", 12), ("f", 3)]))
        let three = shown.largest(3)
        #expect(three.rows == ["b", "e", "a"], "a and d tie: a came first")
        #expect(three.cells == [[.count(30)], [.count(12)], [.count(7)]])
        #expect(three.total == shown.total && three.columnTotals == shown.columnTotals && three.total == .count(61))
        #expect(shown.largest(6).rows.suffix(2) == ["c", "f"], "held back: their size is not known, so last")
        #expect(shown.largest(10).rows.count == 6)
    }
}
