import SQLKit

extension Migrations {
    /// Events with their acts, people, involvements, sources, interventions and history; the
    /// keyed-token search index; reference counters; imported vocabulary lists. Facets counted in
    /// statistics are plain columns; everything that can name a person is in a `*_sealed` column.
    static let m005Documentation = Migration(5, "documentation: events, acts, people, sources, interventions, search") { database, dialect in
        let t = ColumnTypes(dialect: dialect)
        let date = { (prefix: String) in
            "\(prefix)_first TEXT, \(prefix)_last TEXT, \(prefix)_precision TEXT, \(prefix)_calendar TEXT"
        }
        var statements = [
            """
            CREATE TABLE events (
                id TEXT PRIMARY KEY,
                reference TEXT NOT NULL UNIQUE,
                organisation_id TEXT NOT NULL REFERENCES organisations (id),
                author_id TEXT NOT NULL,
                status TEXT NOT NULL,
                confidentiality TEXT NOT NULL,
                \(date("date")),
                province_pcode TEXT,
                district_pcode TEXT,
                latitude_rounded \(t.double),
                longitude_rounded \(t.double),
                content_sealed \(t.blob) NOT NULL,
                created_at \(t.bigint) NOT NULL,
                updated_at \(t.bigint) NOT NULL,
                revision \(t.integer) NOT NULL
            )
            """,
            "CREATE INDEX events_by_place ON events (province_pcode, district_pcode)",
            "CREATE INDEX events_by_date ON events (date_first, date_last)",
            "CREATE INDEX events_by_organisation ON events (organisation_id, status)",
            """
            CREATE TABLE event_shares (
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                organisation_id TEXT NOT NULL REFERENCES organisations (id),
                PRIMARY KEY (event_id, organisation_id)
            )
            """,
            """
            CREATE TABLE event_people (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                position \(t.integer) NOT NULL,
                code TEXT NOT NULL,
                roles TEXT NOT NULL,
                sex TEXT NOT NULL,
                age_group TEXT NOT NULL,
                occupation TEXT NOT NULL,
                is_defender \(t.integer) NOT NULL,
                is_journalist \(t.integer) NOT NULL,
                identity_sealed \(t.blob) NOT NULL
            )
            """,
            "CREATE INDEX event_people_by_event ON event_people (event_id)",
            """
            CREATE TABLE event_acts (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                position \(t.integer) NOT NULL,
                act_type TEXT NOT NULL,
                victim_person_id TEXT,
                victims_men \(t.integer) NOT NULL,
                victims_women \(t.integer) NOT NULL,
                victims_boys \(t.integer) NOT NULL,
                victims_girls \(t.integer) NOT NULL,
                victims_unknown \(t.integer) NOT NULL,
                \(date("date")),
                rights TEXT NOT NULL,
                notes_sealed \(t.blob) NOT NULL
            )
            """,
            "CREATE INDEX event_acts_by_event ON event_acts (event_id, act_type)",
            "CREATE INDEX event_acts_by_type ON event_acts (act_type)",
            """
            CREATE TABLE event_involvements (
                id TEXT PRIMARY KEY,
                act_id TEXT NOT NULL REFERENCES event_acts (id) ON DELETE CASCADE,
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                position \(t.integer) NOT NULL,
                perpetrator_person_id TEXT,
                perpetrator_type TEXT NOT NULL,
                degree TEXT NOT NULL,
                group_sealed \(t.blob)
            )
            """,
            "CREATE INDEX event_involvements_by_event ON event_involvements (event_id, perpetrator_type)",
            """
            CREATE TABLE event_sources (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                position \(t.integer) NOT NULL,
                person_id TEXT,
                organisation_id TEXT REFERENCES organisations (id),
                method TEXT NOT NULL,
                reliability TEXT NOT NULL,
                credibility \(t.integer) NOT NULL,
                consent TEXT NOT NULL,
                \(date("received")),
                notes_sealed \(t.blob) NOT NULL
            )
            """,
            "CREATE INDEX event_sources_by_event ON event_sources (event_id)",
            """
            CREATE TABLE event_interventions (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                position \(t.integer) NOT NULL,
                kind TEXT NOT NULL,
                organisation_id TEXT REFERENCES organisations (id),
                status TEXT NOT NULL,
                \(date("date")),
                response_sealed \(t.blob) NOT NULL
            )
            """,
            "CREATE INDEX event_interventions_by_event ON event_interventions (event_id)",
            """
            CREATE TABLE event_history (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                revision \(t.integer) NOT NULL,
                actor TEXT NOT NULL,
                time \(t.bigint) NOT NULL,
                change TEXT NOT NULL,
                fields TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                reason_sealed \(t.blob)
            )
            """,
            "CREATE INDEX event_history_by_event ON event_history (event_id, revision)",
            """
            CREATE TABLE reference_counters (
                prefix TEXT PRIMARY KEY,
                last_number \(t.bigint) NOT NULL
            )
            """,
            """
            CREATE TABLE vocabulary_terms (
                list TEXT NOT NULL,
                code TEXT NOT NULL,
                parent_code TEXT,
                level \(t.integer) NOT NULL,
                label_en TEXT NOT NULL,
                label_fa TEXT,
                label_ps TEXT,
                label_uz TEXT,
                articles TEXT NOT NULL,
                source TEXT NOT NULL,
                PRIMARY KEY (list, code)
            )
            """,
            """
            CREATE TABLE evidence_files (
                id TEXT PRIMARY KEY,
                event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                state TEXT NOT NULL,
                size \(t.bigint) NOT NULL,
                working_size \(t.bigint),
                uploaded_by TEXT NOT NULL,
                created_at \(t.bigint) NOT NULL,
                metadata_sealed \(t.blob)
            )
            """,
            "CREATE INDEX evidence_files_by_event ON evidence_files (event_id)",
            """
            CREATE TABLE evidence_chunks (
                evidence_id TEXT NOT NULL REFERENCES evidence_files (id) ON DELETE CASCADE,
                variant TEXT NOT NULL,
                sequence \(t.integer) NOT NULL,
                data \(t.blob) NOT NULL,
                PRIMARY KEY (evidence_id, variant, sequence)
            )
            """,
            """
            CREATE TABLE evidence_custody (
                id TEXT PRIMARY KEY,
                evidence_id TEXT NOT NULL REFERENCES evidence_files (id) ON DELETE CASCADE,
                time \(t.bigint) NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL
            )
            """,
            "CREATE INDEX evidence_custody_by_file ON evidence_custody (evidence_id, time)",
        ]
        // Both engines index the same opaque keyed tokens; only the index differs.
        switch dialect {
        case .sqlite:
            statements += [
                """
                CREATE TABLE event_search_keys (
                    key INTEGER PRIMARY KEY,
                    event_id TEXT NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE
                )
                """,
                "CREATE VIRTUAL TABLE event_search USING fts5(tokens, content='', contentless_delete=1, detail=none)",
            ]
        case .postgres:
            statements += [
                """
                CREATE TABLE event_search (
                    event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
                    tokens tsvector NOT NULL
                )
                """,
                "CREATE INDEX event_search_tokens ON event_search USING GIN (tokens)",
            ]
        }
        for statement in statements {
            try await database.raw("\(unsafeRaw: statement)").run()
        }
    }
}
