import SQLKit

extension Migrations {
    /// Defenders' profiles (identity, whereabouts and trusted contacts sealed), check-in plans with
    /// their persisted escalation stage, threats, risk assessments and protection cases with their measures
    /// and timeline, the outbox of messages still to be delivered, and accounts'
    /// duress passwords with the suspension of sealed access they trigger.
    static let m006Protection = Migration(6, "protection: defenders, check-ins, outbox") { t in [
        """
        CREATE TABLE defenders (
            id TEXT PRIMARY KEY,
            account_id TEXT UNIQUE REFERENCES users (id),
            organisation_ids TEXT NOT NULL,
            districts TEXT NOT NULL,
            areas TEXT NOT NULL,
            identity_sealed \(t.blob) NOT NULL,
            contacts_sealed \(t.blob) NOT NULL,
            created_at \(t.bigint) NOT NULL
        )
        """,
        """
        CREATE TABLE checkin_plans (
            defender_id TEXT PRIMARY KEY REFERENCES defenders (id) ON DELETE CASCADE,
            interval_seconds \(t.bigint) NOT NULL,
            grace_seconds \(t.bigint) NOT NULL,
            active \(t.integer) NOT NULL,
            last_checkin_at \(t.bigint) NOT NULL,
            stage TEXT NOT NULL,
            stage_changed_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX checkin_plans_open ON checkin_plans (active, stage)",
        """
        CREATE TABLE outbox (
            id TEXT PRIMARY KEY,
            created_at \(t.bigint) NOT NULL,
            kind TEXT NOT NULL,
            channel TEXT NOT NULL,
            defender_id TEXT,
            message_sealed \(t.blob) NOT NULL,
            state TEXT NOT NULL,
            attempts \(t.integer) NOT NULL,
            next_attempt_at \(t.bigint) NOT NULL,
            sent_at \(t.bigint)
        )
        """,
        "CREATE INDEX outbox_pending ON outbox (state, next_attempt_at)",
        """
        CREATE TABLE threat_reports (
            id TEXT PRIMARY KEY,
            defender_id TEXT NOT NULL REFERENCES defenders (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            date_first TEXT, date_last TEXT, date_precision TEXT, date_calendar TEXT,
            province_pcode TEXT,
            district_pcode TEXT,
            perpetrator_type TEXT NOT NULL,
            description_sealed \(t.blob) NOT NULL,
            event_id TEXT REFERENCES events (id) ON DELETE SET NULL,
            reported_by TEXT NOT NULL,
            created_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX threat_reports_by_defender ON threat_reports (defender_id, created_at)",
        """
        CREATE TABLE risk_assessments (
            id TEXT PRIMARY KEY,
            defender_id TEXT NOT NULL REFERENCES defenders (id) ON DELETE CASCADE,
            level TEXT NOT NULL,
            findings_sealed \(t.blob) NOT NULL,
            review_by \(t.bigint) NOT NULL,
            assessed_by TEXT NOT NULL,
            created_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX risk_assessments_by_defender ON risk_assessments (defender_id, created_at)",
        """
        CREATE TABLE protection_cases (
            id TEXT PRIMARY KEY,
            defender_id TEXT NOT NULL REFERENCES defenders (id) ON DELETE CASCADE,
            origin TEXT NOT NULL,
            threat_id TEXT REFERENCES threat_reports (id) ON DELETE SET NULL,
            officer_id TEXT,
            status TEXT NOT NULL,
            opened_at \(t.bigint) NOT NULL,
            closed_at \(t.bigint)
        )
        """,
        "CREATE INDEX protection_cases_by_defender ON protection_cases (defender_id, status)",
        """
        CREATE TABLE case_measures (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES protection_cases (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            follow_up_by \(t.bigint),
            notes_sealed \(t.blob) NOT NULL,
            updated_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX case_measures_by_case ON case_measures (case_id)",
        """
        CREATE TABLE case_timeline (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES protection_cases (id) ON DELETE CASCADE,
            time \(t.bigint) NOT NULL,
            actor TEXT NOT NULL,
            entry TEXT NOT NULL
        )
        """,
        "CREATE INDEX case_timeline_by_case ON case_timeline (case_id, time)",
        "ALTER TABLE users ADD COLUMN duress_hash TEXT",
        "ALTER TABLE users ADD COLUMN sealed_suspended \(t.integer) NOT NULL DEFAULT 0",
    ] }
}
