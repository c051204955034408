/// A dashboard table written as CSV, or as HXL-tagged CSV (a row of hashtags under the header,
/// https://hxlstandard.org), which humanitarian tools read. A held-back figure is left empty,
/// never written as a number.
public enum AggregateExport {
    /// The HXL hashtags of a table's key column and of its counts.
    static func tags(of table: String) -> (key: String, count: String) {
        switch table {
        case "by_month": ("#date+month", "#event+num")
        case "by_act_type": ("#event+type", "#event+num")
        case "by_perpetrator_type": ("#group+perpetrator+type", "#event+num")
        case "by_province", "awareness": ("#adm1+code", table == "awareness" ? "#reached+participants" : "#event+num")
        case "by_district": ("#adm2+code", "#event+num")
        case "by_status": ("#status+verification", "#event+num")
        case "victims": ("#affected+sex", "#affected")
        case "cases": ("#date+month", "#activity+cases")
        default: ("#meta+key", "#indicator+num")
        }
    }

    static func columnTag(_ table: String, _ column: String) -> String {
        switch (table, column) {
        case ("victims", "child"): "#affected+children"
        case ("victims", "adult"): "#affected+adults"
        case ("victims", "unknown"): "#affected+age_unknown"
        case ("cases", let state): "#activity+cases+\(state)"
        default: tags(of: table).count
        }
    }

    public static func csv(_ table: ShownTable, named name: String, hxl: Bool) -> String {
        func text(_ shown: ShownCount) -> String { shown.value.map(String.init) ?? "" }
        let multiColumn = table.columns.count > 1
        var header = ["key"] + table.columns
        if multiColumn { header.append("total") }
        var out = CSVWriter.line(header)
        if hxl {
            let tagged = tags(of: name)
            var hashtags = [tagged.key] + table.columns.map { columnTag(name, $0) }
            if multiColumn { hashtags.append(tagged.count + "+total") }
            out += CSVWriter.line(hashtags)
        }
        for (index, row) in table.rows.enumerated() {
            var fields = [row] + table.cells[index].map(text)
            if multiColumn { fields.append(text(table.rowTotals[index])) }
            out += CSVWriter.line(fields)
        }
        var totals = ["total"] + (table.rows.count > 1 ? table.columnTotals.map(text) : table.cells.first?.map(text) ?? [])
        if multiColumn { totals.append(text(table.total)) }
        return out + CSVWriter.line(totals)
    }
}
