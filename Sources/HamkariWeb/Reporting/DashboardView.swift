import Foundation
import HamkariCore

/// The dashboard's tables in the reader's language and digits, each with its chart.
struct DashboardView {
    let localizer: Localizer
    let locale: AppLocale
    let calendar: CalendarSystem
    let places: [String: AdminUnit]
    let vocabulary = Vocabulary.builtIn
    /// Districts named with their province, for tables that span provinces (two may have a district of one name).
    var districtsWithProvince = false

    init(localizer: Localizer, locale: AppLocale, calendar: CalendarSystem, places: [String: AdminUnit]) {
        self.localizer = localizer
        self.locale = locale
        self.calendar = calendar
        self.places = places
    }

    init(localizer: Localizer, locale: AppLocale, calendar: CalendarSystem, units: [AdminUnit]) {
        self.init(localizer: localizer, locale: locale, calendar: calendar,
                  places: Dictionary(units.map { ($0.pcode, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    func text(_ key: String) -> String { localizer.string(key, locale) }
    func number(_ value: Int) -> String { Numerals.format(value, for: locale) }

    func shown(_ count: ShownCount) -> String { count.value.map(number) ?? text("dashboard_suppressed_mark") }

    /// A row key as a reader reads it.
    func label(_ key: String, in table: String) -> String {
        switch table {
        case "by_month", "cases": month(key)
        case "by_year": Numerals.localize(key, for: locale)
        case "by_act_type", "women_and_girls", "children": vocabulary.label(.actType, key, in: locale)
        case "rights_by_year": vocabulary.label(.rightAffected, key, in: locale)
        case "by_perpetrator_type": vocabulary.label(.perpetratorType, key, in: locale)
        case "by_district" where districtsWithProvince:
            places[key].map { district in
                [district.name(in: locale), places[district.parentPcode]?.name(in: locale)].compactMap { $0 }
                    .joined(separator: locale.isRightToLeft ? "، " : ", ")
            } ?? (key.isEmpty ? text("place_unknown") : key)
        case "by_province", "by_district", "awareness": key.isEmpty ? text("place_unknown") : places[key]?.name(in: locale) ?? key
        case "by_status": text("status_\(key)")
        case "victims": text("dashboard_sex_\(key)")
        default: key
        }
    }

    func columnLabel(_ column: String, in table: String) -> String {
        switch table {
        case "victims": text("dashboard_age_\(column)")
        case "cases": text("dashboard_cases_\(column)")
        case "awareness": text("dashboard_participants")
        case "rights_by_year": column == RightsByPeriod.undated ? text("report_undated") : Numerals.localize(column, for: locale)
        case "women_and_girls", "children": text("report_column_\(column)")
        default: text("dashboard_events")
        }
    }

    func month(_ key: String) -> String {
        guard let month = MonthBuckets.Month(key: key) else { return key }
        return Numerals.localize("\(calendar.monthName(month.month, in: locale)) \(month.year)", for: locale)
    }

    /// The chart each table is drawn as; nil for those shown as a table only.
    func chartKind(_ table: String) -> SVGChart.Kind? {
        switch table {
        case "by_month", "cases": .line
        case "victims": .stackedBar
        case "by_district", "awareness", "rights_by_year": nil
        default: .bar
        }
    }

    func chart(_ table: ShownTable, named name: String) -> String? {
        guard let kind = chartKind(name), !table.rows.isEmpty else { return nil }
        let title = text("dashboard_\(name)")
        let labels = table.rows.map { kind == .line ? Numerals.localize(shortMonth($0), for: locale) : label($0, in: name) }
        let axis: [String], series: [SVGChart.Series]
        if kind == .stackedBar {
            // Victims: a bar per age group, stacked by sex.
            axis = table.columns.map { columnLabel($0, in: name) }
            series = table.rows.enumerated().map { row in
                SVGChart.Series(name: label(row.element, in: name), values: table.cells[row.offset].map(\.value))
            }
        } else {
            axis = labels
            series = table.columns.indices.map { column in
                SVGChart.Series(name: columnLabel(table.columns[column], in: name), values: table.cells.map { $0[column].value })
            }
        }
        return SVGChart(kind: kind, title: title, description: description(of: table, named: name), labels: axis, series: series,
                        rightToLeft: locale.isRightToLeft, suppressedMark: text("dashboard_suppressed_mark"),
                        number: { [locale] in Numerals.format($0, for: locale) }).render()
    }

    private func shortMonth(_ key: String) -> String {
        guard let month = MonthBuckets.Month(key: key) else { return key }
        return "\(month.month)/\((month.year % 100).zeroPadded(2))"
    }

    /// What the chart shows, in words: its largest figures.
    private func description(of table: ShownTable, named name: String) -> String {
        let total = shown(table.total)
        let largest = table.rows.indices.compactMap { index in table.rowTotals[index].value.map { (index, $0) } }
            .sorted { $0.1 > $1.1 }.prefix(3).map { "\(label(table.rows[$0.0], in: name)): \(number($0.1))" }
        return "\(text("total")): \(total). " + largest.joined(separator: "; ")
    }

    /// The template's values for one table.
    func section(_ table: ShownTable, named name: String) -> [String: Any] {
        let multiColumn = table.columns.count > 1
        var values: [String: Any] = [
            "name": name, "title": text("dashboard_\(name)"), "chart": chart(table, named: name) ?? "", "hasChart": chartKind(name) != nil,
            "columns": table.columns.map { ["label": columnLabel($0, in: name)] }, "multiColumn": multiColumn,
            "rows": table.rows.indices.map { index -> [String: Any] in
                ["label": label(table.rows[index], in: name), "cells": table.cells[index].map { ["value": shown($0)] },
                 "total": shown(table.rowTotals[index])]
            },
            "columnTotals": (table.rows.count > 1 ? table.columnTotals : table.cells.first ?? []).map { ["value": shown($0)] },
            "total": shown(table.total), "empty": table.rows.isEmpty,
            // An event with several types counts under each: the sum is not the number of events.
            "countsEachType": ["by_act_type", "by_perpetrator_type"].contains(name),
            "countsEachRight": name == "rights_by_year",
            "countsEachAct": ["women_and_girls", "children"].contains(name),
        ]
        if let level = Self.mapLinks[name] { values["mapLevel"] = level }
        if name == "by_month", table.columns.count == 1, table.rows.count > Self.monthListUpTo, let grid = monthGrid(table) { values["grid"] = grid }
        return values
    }

    /// A table as the dashboard page shows it. Across every province, districts are the largest
    /// few, each with its province: the page stays small, and a province's districts are all
    /// listed once it is chosen (the map and the exports have every one).
    func pageSection(_ table: ShownTable, named name: String, acrossProvinces: Bool) -> [String: Any] {
        guard name == "by_district", acrossProvinces else { return section(table, named: name) }
        var view = self
        view.districtsWithProvince = true
        guard table.rows.count > Self.districtsAcrossProvinces else { return view.section(table, named: name) }
        var values = view.section(table.largest(Self.districtsAcrossProvinces), named: name)
        values["leadingNote"] = text("dashboard_districts_largest")
            .replacingOccurrences(of: "{shown}", with: number(Self.districtsAcrossProvinces))
            .replacingOccurrences(of: "{count}", with: number(table.rows.count))
        return values
    }

    static let districtsAcrossProvinces = 10

    /// Months listed one a row, up to this many; more are laid out a year a row.
    static let monthListUpTo = 24

    /// Months as a year a row and a month a column: the same cells as the list, and no year or month
    /// totals, which could give away a figure held back (only the grand total, which the list shows too).
    func monthGrid(_ table: ShownTable) -> [String: Any]? {
        var cells: [Int: [String]] = [:]
        for (index, key) in table.rows.enumerated() {
            guard let month = MonthBuckets.Month(key: key), (1...12).contains(month.month) else { return nil }
            cells[month.year, default: Array(repeating: "", count: 12)][month.month - 1] = shown(table.cells[index][0])
        }
        return [
            "months": (1...12).map { ["label": calendar.monthName($0, in: locale)] },
            "years": cells.keys.sorted().map { year in
                ["label": Numerals.localize(String(year), for: locale), "cells": (cells[year] ?? []).map { ["value": $0] }]
            },
        ]
    }

    /// The tables that can be drawn on a map, and the map page's parameters for each.
    static let mapLinks = ["by_province": "province", "by_district": "district", "awareness": "province&figure=awareness"]
}
