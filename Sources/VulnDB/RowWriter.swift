import Foundation
import GRDB
import Model

/// Writes rows into an open VulnDB connection; shared by the full build and the per-group replace.
/// Array columns are compact JSON text, NULL when empty.
struct RowWriter {
    let path: String
    private let encoder: JSONEncoder

    init(path: String) {
        self.path = path
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// The group's row id, creating the group row when missing.
    func groupID(_ group: FeedGroup, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM feed_group WHERE feed = ? AND name = ?", arguments: [group.feed, group.name]) {
            return id
        }
        try db.execute(sql: "INSERT INTO feed_group (feed, name) VALUES (?, ?)", arguments: [group.feed, group.name])
        return db.lastInsertedRowID
    }

    /// Removes every row of a group (records, aliases, KEV, EPSS), keeping the group row.
    func clear(groupID: Int64, in db: Database) throws {
        for table in ["record", "alias", "kev", "epss"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE group_id = ?", arguments: [groupID])
        }
    }

    /// Inserts records, skipping (with a diagnostic) those without an id, namespace or package name.
    func insert<Records: Sequence<VulnerabilityRecord>>(_ records: Records, group: FeedGroup, groupID: Int64, in db: Database) throws -> [VulnDBDiagnostic] {
        var diagnostics: [VulnDBDiagnostic] = []
        let recordStatement = try db.cachedStatement(sql: """
            INSERT INTO record (group_id, id, namespace, package_name, version_format, constraint_text, fixed_in,
                fix_state, severity, cvss, aliases, related, summary, urls, source, published, modified)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let aliasStatement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO alias (id, alias, group_id) VALUES (?, ?, ?)")
        for record in records {
            if let problem = Self.problem(with: record) {
                diagnostics.append(VulnDBDiagnostic(group: group, recordID: record.id.isEmpty ? "(no id) \(record.packageName)" : record.id, message: problem))
                continue
            }
            let cvss: String? = record.cvss.isEmpty ? nil : String(decoding: try encoder.encode(record.cvss), as: UTF8.self)
            recordStatement.setUncheckedArguments([
                groupID, record.id, record.namespace, record.packageName, record.versionFormat, record.constraint,
                Self.json(record.fixedIn), record.fixState.rawValue, record.severity?.rawValue, cvss,
                Self.json(record.aliases), Self.json(record.related), record.summary, Self.json(record.urls),
                record.source, record.published, record.modified,
            ])
            try recordStatement.execute()
            for alias in record.aliases where alias != record.id {
                aliasStatement.setUncheckedArguments([record.id, alias, groupID])
                try aliasStatement.execute()
            }
        }
        return diagnostics
    }

    func insert<Entries: Sequence<KEVEntry>>(kev entries: Entries, groupID: Int64, in db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO kev (cve_id, group_id, date_added, known_ransomware) VALUES (?, ?, ?, ?)")
        for entry in entries {
            statement.setUncheckedArguments([entry.cveID, groupID, entry.dateAdded, entry.knownRansomwareUse])
            try statement.execute()
        }
    }

    func insert<Entries: Sequence<EPSSEntry>>(epss entries: Entries, groupID: Int64, in db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO epss (cve_id, group_id, score, percentile, date) VALUES (?, ?, ?, ?, ?)")
        for entry in entries {
            statement.setUncheckedArguments([entry.cveID, groupID, entry.score, entry.percentile, entry.date])
            try statement.execute()
        }
    }

    /// Recounts a group's rows and stores the count and, when given, its sync metadata.
    func finish(groupID: Int64, sync: GroupSync?, in db: Database) throws {
        try db.execute(sql: """
            UPDATE feed_group SET record_count =
                (SELECT count(*) FROM record WHERE group_id = :id) +
                (SELECT count(*) FROM kev WHERE group_id = :id) +
                (SELECT count(*) FROM epss WHERE group_id = :id)
            WHERE id = :id
            """, arguments: ["id": groupID])
        if let sync {
            try db.execute(sql: "UPDATE feed_group SET last_sync = ?, checksum = ? WHERE id = ?",
                           arguments: [VulnDBTime.format(sync.lastSync), sync.checksum, groupID])
        }
    }

    /// Records when each of the group's fixes was first seen and copies that date onto its rows.
    /// A fix already observed keeps its date. A group synced for the first time has no history, so
    /// its fixes date from the record's publication (an advisory is published with its fix) or,
    /// without one, from this sync; on later syncs a fix not seen before dates from this sync.
    func observeFixes(groupID: Int64, firstSync: Bool, at now: Date, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO fix_observed (id, namespace, package_name, fixed_in, observed_at)
            SELECT id, namespace, package_name, fixed_in, CASE WHEN :first THEN coalesce(published, :now) ELSE :now END
            FROM record WHERE group_id = :id AND fix_state = 'fixed' AND fixed_in IS NOT NULL;
            UPDATE record SET fix_observed = (
                SELECT f.observed_at FROM fix_observed AS f
                WHERE f.id = record.id AND f.namespace = record.namespace AND f.package_name = record.package_name
                  AND f.fixed_in = record.fixed_in)
            WHERE group_id = :id AND fix_state = 'fixed' AND fixed_in IS NOT NULL;
            """, arguments: ["id": groupID, "first": firstSync, "now": VulnDBTime.format(now)])
    }

    /// Whether the group has been synced before in this file (its fixes then have a history).
    func wasSynced(groupID: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT last_sync IS NOT NULL FROM feed_group WHERE id = ?", arguments: [groupID]) ?? false
    }

    static func problem(with record: VulnerabilityRecord) -> String? {
        if record.id.isEmpty { return "record has no id" }
        if record.namespace.isEmpty { return "record has no namespace" }
        if record.packageName.isEmpty { return "record has no package name" }
        return nil
    }

    /// A JSON array of strings, NULL when empty. Written by hand: it is the hot path of a build.
    static func json(_ strings: [String]) -> String? {
        guard !strings.isEmpty else { return nil }
        var out = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(",") }
            out.append("\"")
            // Nearly every value (ids, names, versions, URLs) needs no escape: copy it whole.
            if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(string)
                out.append("\"")
                continue
            }
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\t": out.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: out.unicodeScalars.append(scalar)
                }
            }
            out.append("\"")
        }
        out.append("]")
        return out
    }
}

/// Timestamps are stored as ISO 8601 UTC text with whole seconds, readable with the sqlite3 shell.
enum VulnDBTime {
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: .iso8601)
    }
}
