extension Migrations {
    /// Simplified province and district outlines for the maps, keyed by P-code. Public geography:
    /// not sealed.
    static let m013Boundaries = Migration(13, "province and district boundaries for maps") { t in [
        """
        CREATE TABLE gazetteer_boundaries (
            pcode TEXT PRIMARY KEY REFERENCES gazetteer_units (pcode),
            level \(t.integer) NOT NULL,
            shape TEXT NOT NULL,
            source TEXT NOT NULL,
            imported_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX gazetteer_boundaries_by_level ON gazetteer_boundaries (level)",
    ] }
}
