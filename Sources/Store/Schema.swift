import GRDB

/// The store's schema, as an ordered list of migrations. Never edit a registered migration:
/// add the next one, so that every existing store upgrades in place.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            // One row per distinct (file bytes, way of reading them); shared by every path
            // whose bytes hash the same, so a copied or renamed file is not stored twice.
            try db.execute(sql: """
                CREATE TABLE content (
                    id INTEGER PRIMARY KEY,
                    sha256 TEXT NOT NULL,
                    parser_key TEXT NOT NULL,
                    format TEXT NOT NULL,
                    problem TEXT,
                    transaction_count INTEGER NOT NULL,
                    details BLOB NOT NULL,
                    UNIQUE (sha256, parser_key)
                );
                CREATE TABLE content_chunk (
                    content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    transaction_count INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    PRIMARY KEY (content_id, seq)
                );
                CREATE TABLE source (
                    path TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    modified_ns INTEGER NOT NULL,
                    changed_ns INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    device INTEGER NOT NULL,
                    content_id INTEGER NOT NULL REFERENCES content(id)
                );
                CREATE INDEX source_content ON source(content_id);
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started_at TEXT NOT NULL,
                    as_of TEXT NOT NULL,
                    folders TEXT NOT NULL,
                    finished_at TEXT,
                    outcome TEXT NOT NULL DEFAULT 'running',
                    files INTEGER,
                    files_parsed INTEGER,
                    transactions INTEGER,
                    findings INTEGER,
                    new_findings INTEGER,
                    exit_code INTEGER,
                    message TEXT
                );
                CREATE TABLE finding (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL DEFAULT '',
                    merchant TEXT NOT NULL DEFAULT '',
                    first_seen TEXT NOT NULL,
                    last_seen TEXT NOT NULL,
                    times_seen INTEGER NOT NULL,
                    first_run INTEGER REFERENCES run(id) ON DELETE SET NULL,
                    last_run INTEGER REFERENCES run(id) ON DELETE SET NULL,
                    reported INTEGER NOT NULL DEFAULT 0,
                    acknowledged_at TEXT
                );
                """)
        }
        m.registerMigration("v2") { db in
            // The last detection result, keyed by everything it was computed from: a scan of
            // an unchanged folder reuses it instead of loading and detecting again.
            try db.execute(sql: """
                CREATE TABLE detection_snapshot (
                    key TEXT PRIMARY KEY,
                    payload BLOB NOT NULL
                );
                """)
        }
        return m
    }
}
