import HamkariCore
import SQLKit

/// Every migration, in order. Append; never edit or reorder a landed one.
public enum Migrations {
    public static let all: [Migration] = [
        m001Foundation,
        m002BuiltInGazetteer,
        m003AuditLog,
        m004Authentication,
        m005Documentation,
        m006Protection,
        m007ListOrder,
        m008OrderKeys,
        m009Standards,
        m010Directory,
        m011Meetings,
        m012Referrals,
        m013Boundaries,
        m014VictimIndex,
        m015EventChanges,
    ]

    static let m001Foundation = Migration(1, "foundation: settings, gazetteer, organisations, users") { t in [
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at \(t.bigint) NOT NULL
        )
        """,
        """
        CREATE TABLE gazetteer_units (
            pcode TEXT PRIMARY KEY,
            level \(t.integer) NOT NULL CHECK (level IN (1, 2)),
            parent_pcode TEXT NOT NULL,
            name_en TEXT NOT NULL,
            name_fa TEXT,
            latitude \(t.double),
            longitude \(t.double),
            valid_from TEXT NOT NULL,
            source TEXT NOT NULL
        )
        """,
        "CREATE INDEX gazetteer_units_by_parent ON gazetteer_units (parent_pcode, level)",
        """
        CREATE TABLE organisations (
            id TEXT PRIMARY KEY,
            name_en TEXT NOT NULL,
            name_fa TEXT,
            name_ps TEXT,
            name_uz TEXT,
            kind TEXT NOT NULL,
            province_pcode TEXT REFERENCES gazetteer_units (pcode),
            district_pcode TEXT REFERENCES gazetteer_units (pcode),
            created_at \(t.bigint) NOT NULL
        )
        """,
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            organisation_id TEXT NOT NULL REFERENCES organisations (id),
            login_index TEXT NOT NULL UNIQUE,
            login_sealed \(t.blob) NOT NULL,
            display_name_sealed \(t.blob),
            contact_sealed \(t.blob),
            role TEXT NOT NULL,
            status TEXT NOT NULL,
            password_hash TEXT,
            locale TEXT,
            calendar TEXT,
            created_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX users_by_organisation ON users (organisation_id)",
    ] }

    static let m002BuiltInGazetteer = Migration(2, "built-in gazetteer: provinces and north-eastern districts") { database, _ in
        try await GazetteerRepository.upsert(BuiltInGazetteer.all, into: database)
    }

    static let m003AuditLog = Migration(3, "tamper-evident audit log and its signed checkpoints") { t in [
        """
        CREATE TABLE audit_log (
            sequence \(t.bigint) PRIMARY KEY,
            time \(t.bigint) NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            outcome TEXT NOT NULL,
            leaf_hash \(t.blob) NOT NULL
        )
        """,
        """
        CREATE TABLE audit_checkpoints (
            tree_size \(t.bigint) PRIMARY KEY,
            root_hash \(t.blob) NOT NULL,
            time \(t.bigint) NOT NULL,
            public_key \(t.blob) NOT NULL,
            signature \(t.blob) NOT NULL
        )
        """,
    ] }

    static let m004Authentication = Migration(4, "sessions, login throttling, API tokens, two-factor columns") { t in [
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            second_factor_pending \(t.integer) NOT NULL,
            created_at \(t.bigint) NOT NULL,
            last_seen_at \(t.bigint) NOT NULL
        )
        """,
        "CREATE INDEX sessions_by_user ON sessions (user_id)",
        """
        CREATE TABLE login_throttle (
            throttle_key TEXT PRIMARY KEY,
            failures \(t.integer) NOT NULL,
            locked_until \(t.bigint) NOT NULL,
            updated_at \(t.bigint) NOT NULL
        )
        """,
        """
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            created_at \(t.bigint) NOT NULL,
            expires_at \(t.bigint),
            revoked_at \(t.bigint)
        )
        """,
        "ALTER TABLE users ADD COLUMN totp_sealed \(t.blob)",
        "ALTER TABLE users ADD COLUMN totp_enabled \(t.integer) NOT NULL DEFAULT 0",
        "ALTER TABLE users ADD COLUMN totp_last_counter \(t.bigint) NOT NULL DEFAULT 0",
        "ALTER TABLE users ADD COLUMN recovery_code_hashes TEXT",
    ] }
}
