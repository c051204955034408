import Foundation

/// The public test data beside the checkout (`../shared/data`), read in place and never copied.
public enum SharedData {
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["HAMKARI_SHARED_DATA"] {
            return URL(fileURLWithPath: override)
        }
        // Tests/TestSupport/SharedData.swift → package root → ../shared/data
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    public static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    public static let ochaPcodes = "admin/afg_pcodes_adm1_adm2_ocha.csv"
}

extension SharedData {
    public static let provinceBoundaries = "admin/geoBoundaries-AFG-ADM1_simplified.geojson"
    public static let districtBoundaries = "admin/geoBoundaries-AFG-ADM2_simplified.geojson"
    /// North-eastern districts: OCHA P-code, geoBoundaries name and the centroid of its polygon.
    public static let districtCrosswalk = "admin/ne_afghanistan_districts_crosswalk.csv"

    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }
}
