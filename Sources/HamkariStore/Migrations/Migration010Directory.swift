extension Migrations {
    /// The member directory: the areas and themes of each organisation, networks by region and who
    /// belongs to them, and focal points (an account, or a person whose contact is sealed).
    static let m010Directory = Migration(10, "member directory: areas, themes, networks, memberships, focal points") { t in [
        "ALTER TABLE organisations ADD COLUMN themes TEXT NOT NULL DEFAULT ''",
        """
        CREATE TABLE organisation_areas (
            organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
            pcode TEXT NOT NULL REFERENCES gazetteer_units (pcode),
            PRIMARY KEY (organisation_id, pcode)
        )
        """,
        "CREATE INDEX organisation_areas_by_pcode ON organisation_areas (pcode)",
        """
        CREATE TABLE networks (
            id TEXT PRIMARY KEY,
            name_en TEXT NOT NULL,
            name_fa TEXT,
            name_ps TEXT,
            name_uz TEXT,
            region TEXT NOT NULL,
            created_at \(t.bigint) NOT NULL
        )
        """,
        """
        CREATE TABLE network_memberships (
            network_id TEXT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
            organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            since TEXT,
            PRIMARY KEY (network_id, organisation_id)
        )
        """,
        "CREATE INDEX network_memberships_by_organisation ON network_memberships (organisation_id)",
        """
        CREATE TABLE focal_points (
            id TEXT PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
            user_id TEXT REFERENCES users (id),
            contact_sealed \(t.blob),
            created_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX focal_points_by_organisation ON focal_points (organisation_id)",
    ] }
}
