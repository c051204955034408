extension Migrations {
    /// Referrals between members (a person by code only), announcements with their targets and who
    /// read them, and essential-services issues. Reasons, feedback, texts, descriptions, outcomes and
    /// follow-ups are sealed; what the lists filter on is not.
    static let m012Referrals = Migration(12, "referrals, announcements and their readers, essential-services issues") { t in [
        """
        CREATE TABLE referrals (
            id TEXT PRIMARY KEY,
            person_code TEXT NOT NULL,
            from_organisation_id TEXT NOT NULL REFERENCES organisations (id),
            to_organisation_id TEXT NOT NULL REFERENCES organisations (id),
            service TEXT NOT NULL,
            consent_on TEXT NOT NULL,
            status TEXT NOT NULL,
            content_sealed \(t.blob) NOT NULL,
            created_at \(t.bigint) NOT NULL,
            updated_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX referrals_from ON referrals (from_organisation_id, created_at)",
        "CREATE INDEX referrals_to ON referrals (to_organisation_id, created_at)",
        """
        CREATE TABLE announcements (
            id TEXT PRIMARY KEY,
            author_id TEXT NOT NULL,
            provinces TEXT NOT NULL,
            districts TEXT NOT NULL,
            themes TEXT NOT NULL,
            content_sealed \(t.blob) NOT NULL,
            created_at \(t.bigint) NOT NULL
        )
        """,
        """
        CREATE TABLE announcement_reads (
            announcement_id TEXT NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
            user_id TEXT NOT NULL REFERENCES users (id),
            read_at \(t.bigint) NOT NULL,
            PRIMARY KEY (announcement_id, user_id)
        )
        """,
        """
        CREATE TABLE service_issues (
            id TEXT PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations (id),
            author_id TEXT NOT NULL,
            service TEXT NOT NULL,
            community TEXT NOT NULL,
            province_pcode TEXT,
            district_pcode TEXT,
            raised_on TEXT NOT NULL,
            authority TEXT NOT NULL,
            status TEXT NOT NULL,
            content_sealed \(t.blob) NOT NULL,
            created_at \(t.bigint) NOT NULL,
            updated_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX service_issues_by_place ON service_issues (status, district_pcode, service)",
    ] }
}
