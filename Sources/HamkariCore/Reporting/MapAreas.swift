/// Which areas a map of a place figure draws, and with what: every province (on a province map),
/// or the districts of the provinces in question (on a district map) — the one chosen, else every
/// province that has a figure — each with its outline where one was imported and its centroid.
public enum MapAreas {
    public static func areas(
        of table: ShownTable, level: AdminUnit.Level, units: [AdminUnit], boundaries: [String: Boundary],
        province: String?, name: (AdminUnit) -> String
    ) -> [SVGMap.Area] {
        var figures: [String: ShownCount] = [:]
        for (index, row) in table.rows.enumerated() where !row.isEmpty {
            figures[row] = table.cells[index].first ?? .count(0)
        }
        let provinces: Set<String>? = level == .province ? nil : province.map { [$0] }
            ?? Set(figures.keys.compactMap { pcode in units.first { $0.pcode == pcode }?.parentPcode })
        return units.filter { unit in
            unit.level == level && (provinces.map { $0.contains(unit.parentPcode) } ?? true)
                && (boundaries[unit.pcode] != nil || unit.latitude != nil)
        }.map { unit in
            let centre = unit.latitude.flatMap { latitude in unit.longitude.map { GeoPoint(longitude: $0, latitude: latitude) } }
            // No row means nothing was counted there: zero. A held-back row stays held back.
            let value: Int? = if let figure = figures[unit.pcode] { figure.value } else { 0 }
            return SVGMap.Area(pcode: unit.pcode, name: name(unit), value: value,
                               shape: boundaries[unit.pcode]?.shape, centre: centre ?? boundaries[unit.pcode]?.shape.centre)
        }
    }
}
