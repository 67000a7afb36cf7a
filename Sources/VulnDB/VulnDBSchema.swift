import GRDB

/// The VulnDB's SQLite schema: its version, its changelog and the migrator that creates it.
///
/// The version is stored in the file as `PRAGMA user_version`. A reader opens only a file whose
/// version equals `VulnDBSchema.version` (a DB is a derived artifact, rebuilt from the feeds);
/// writers migrate an older file forward with `migrator` and refuse a newer one.
public enum VulnDBSchema {
    /// Schema changelog (bump the version and add a migration for every change; never edit a shipped one):
    /// - 1: `feed_group` (feed, name, last sync, record count, checksum), `record` indexed by
    ///   (namespace, package_name) with JSON text columns for fixed_in/cvss/aliases/related/urls
    ///   (NULL when empty), `alias` (id ↔ alias, both directions indexed), `kev`, `epss`, `meta`.
    /// - 2: `fix_observed` (when a fix was first seen for a record's id, namespace, package and fixed
    ///   versions; kept across group replacements and carried into full rebuilds) and
    ///   `record.fix_observed` (that date, copied onto the row so matching reads it without a join).
    public static let version = 2

    /// The migrations, one per schema version, named `v<N>`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE feed_group (
                    id INTEGER PRIMARY KEY,
                    feed TEXT NOT NULL,
                    name TEXT NOT NULL,
                    last_sync TEXT,
                    record_count INTEGER NOT NULL DEFAULT 0,
                    checksum TEXT,
                    UNIQUE (feed, name)
                );
                CREATE TABLE record (
                    rowid INTEGER PRIMARY KEY,
                    group_id INTEGER NOT NULL REFERENCES feed_group(id) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    package_name TEXT NOT NULL,
                    version_format TEXT NOT NULL,
                    constraint_text TEXT NOT NULL,
                    fixed_in TEXT,
                    fix_state TEXT NOT NULL,
                    severity TEXT,
                    cvss TEXT,
                    aliases TEXT,
                    related TEXT,
                    summary TEXT,
                    urls TEXT,
                    source TEXT NOT NULL,
                    published TEXT,
                    modified TEXT
                );
                CREATE INDEX record_by_package ON record(namespace, package_name);
                CREATE INDEX record_by_group ON record(group_id);
                CREATE TABLE alias (
                    id TEXT NOT NULL COLLATE NOCASE,
                    alias TEXT NOT NULL COLLATE NOCASE,
                    group_id INTEGER NOT NULL REFERENCES feed_group(id) ON DELETE CASCADE,
                    PRIMARY KEY (id, alias, group_id)
                ) WITHOUT ROWID;
                CREATE INDEX alias_by_alias ON alias(alias, id);
                CREATE INDEX alias_by_group ON alias(group_id);
                CREATE TABLE kev (
                    cve_id TEXT NOT NULL COLLATE NOCASE,
                    group_id INTEGER NOT NULL REFERENCES feed_group(id) ON DELETE CASCADE,
                    date_added TEXT,
                    known_ransomware INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (cve_id, group_id)
                ) WITHOUT ROWID;
                CREATE INDEX kev_by_group ON kev(group_id);
                CREATE TABLE epss (
                    cve_id TEXT NOT NULL COLLATE NOCASE,
                    group_id INTEGER NOT NULL REFERENCES feed_group(id) ON DELETE CASCADE,
                    score REAL NOT NULL,
                    percentile REAL NOT NULL,
                    date TEXT,
                    PRIMARY KEY (cve_id, group_id)
                ) WITHOUT ROWID;
                CREATE INDEX epss_by_group ON epss(group_id);
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE fix_observed (
                    id TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    package_name TEXT NOT NULL,
                    fixed_in TEXT NOT NULL,
                    observed_at TEXT NOT NULL,
                    PRIMARY KEY (id, namespace, package_name, fixed_in)
                ) WITHOUT ROWID;
                ALTER TABLE record ADD COLUMN fix_observed TEXT;
                """)
        }
        return migrator
    }

    /// Reads `PRAGMA user_version`.
    static func storedVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    /// Brings a writable DB to the current version: creates the tables when empty, migrates an
    /// older file forward, refuses a newer one. `stampVersion` writes `user_version` (the builder
    /// stamps its temporary file only once everything succeeded).
    static func prepareForWriting(_ writer: DatabaseQueue, path: String, stampVersion: Bool) throws {
        let stored = try writer.read { try storedVersion($0) }
        if stored > version { throw VulnDBError.schemaVersionMismatch(path: path, found: stored, expected: version) }
        try migrator.migrate(writer)
        if stampVersion, stored != version {
            try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = \(version)") }
        }
    }
}
