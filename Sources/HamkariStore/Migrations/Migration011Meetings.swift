extension Migrations {
    /// Meetings and activities, their organisations, the articles their agendas covered, and the
    /// action points they agreed. What names anyone or says what was discussed is sealed; the kind,
    /// day, district and attendance counts stay plain for the reach statistics.
    static let m011Meetings = Migration(11, "meetings, their organisations and topics, action points") { t in [
        """
        CREATE TABLE meetings (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            organisation_id TEXT NOT NULL REFERENCES organisations (id),
            author_id TEXT NOT NULL,
            day TEXT NOT NULL,
            calendar TEXT NOT NULL,
            province_pcode TEXT,
            district_pcode TEXT,
            men \(t.integer) NOT NULL,
            women \(t.integer) NOT NULL,
            boys \(t.integer) NOT NULL,
            girls \(t.integer) NOT NULL,
            unknown \(t.integer) NOT NULL,
            content_sealed \(t.blob) NOT NULL,
            participants_sealed \(t.blob),
            created_at \(t.bigint) NOT NULL,
            updated_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX meetings_by_day ON meetings (day, kind)",
        "CREATE INDEX meetings_by_district ON meetings (district_pcode, day)",
        """
        CREATE TABLE meeting_organisations (
            meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
            organisation_id TEXT NOT NULL REFERENCES organisations (id),
            role TEXT NOT NULL,
            PRIMARY KEY (meeting_id, organisation_id, role)
        )
        """,
        """
        CREATE TABLE meeting_topics (
            meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
            instrument TEXT NOT NULL,
            number TEXT NOT NULL,
            PRIMARY KEY (meeting_id, instrument, number)
        )
        """,
        """
        CREATE TABLE action_points (
            id TEXT PRIMARY KEY,
            meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
            owner_organisation_id TEXT NOT NULL REFERENCES organisations (id),
            due TEXT NOT NULL,
            status TEXT NOT NULL,
            content_sealed \(t.blob) NOT NULL,
            created_at \(t.bigint) NOT NULL,
            updated_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX action_points_by_owner ON action_points (owner_organisation_id, status, due)",
        "CREATE INDEX action_points_by_meeting ON action_points (meeting_id)",
    ] }
}
