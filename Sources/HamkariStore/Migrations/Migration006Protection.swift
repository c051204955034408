import SQLKit

extension Migrations {
    /// Defenders' profiles (identity, whereabouts and trusted contacts sealed), check-in plans with
    /// their persisted escalation stage, the outbox of messages still to be delivered, and accounts'
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
        "ALTER TABLE users ADD COLUMN duress_hash TEXT",
        "ALTER TABLE users ADD COLUMN sealed_suspended \(t.integer) NOT NULL DEFAULT 0",
    ] }
}
