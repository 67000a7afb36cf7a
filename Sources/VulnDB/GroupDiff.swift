import Foundation
import GRDB

/// Finds what replacing one group changed (`VulnDBChanges`), inside the replacing transaction: the
/// group's rows are copied to temporary tables before they are cleared and compared, column by
/// column, with the rows written after. Rows equal in every column the matcher reads are no change,
/// so re-syncing an unchanged feed with a new checksum touches nothing.
struct GroupDiff {
    /// The record columns a match reads (everything but the row and group ids).
    static let recordColumns = """
        id, namespace, package_name, version_format, constraint_text, fixed_in, fix_state, severity,
        cvss, aliases, related, summary, urls, source, published, modified, fix_observed
        """

    /// Copies the group's current rows aside; call before the group is cleared.
    static func snapshot(groupID: Int64, in db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.prior_record;
            DROP TABLE IF EXISTS temp.prior_kev;
            DROP TABLE IF EXISTS temp.prior_epss;
            CREATE TEMP TABLE prior_record AS SELECT \(recordColumns) FROM record WHERE group_id = :id;
            CREATE TEMP TABLE prior_kev AS SELECT cve_id, date_added, known_ransomware FROM kev WHERE group_id = :id;
            CREATE TEMP TABLE prior_epss AS SELECT cve_id, score, percentile FROM epss WHERE group_id = :id;
            """, arguments: ["id": groupID])
    }

    /// What differs between the snapshot and the group's rows now; drops the snapshot.
    static func changes(groupID: Int64, in db: Database) throws -> VulnDBChanges {
        var changes = VulnDBChanges()
        // The rows that differ, both ways; then their distinct lookups and ids, in SQL (a first
        // sync changes every row of a group, a hundred thousand for NVD).
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.changed_record;
            CREATE TEMP TABLE changed_record AS
            SELECT namespace, package_name, id, aliases FROM (
                SELECT \(recordColumns) FROM temp.prior_record EXCEPT SELECT \(recordColumns) FROM record WHERE group_id = :id)
            UNION ALL
            SELECT namespace, package_name, id, aliases FROM (
                SELECT \(recordColumns) FROM record WHERE group_id = :id EXCEPT SELECT \(recordColumns) FROM temp.prior_record);
            """, arguments: ["id": groupID])
        let lookups = try Row.fetchCursor(db, sql: "SELECT DISTINCT namespace, package_name FROM temp.changed_record")
        while let row = try lookups.next() {
            changes.lookups.insert(VulnDBChanges.lookupKey(namespace: row[0], packageName: row[1]))
        }
        for id in try String.fetchAll(db, sql: """
            SELECT DISTINCT upper(id) FROM temp.changed_record
            UNION SELECT DISTINCT upper(j.value) FROM temp.changed_record AS c, json_each(c.aliases) AS j WHERE c.aliases IS NOT NULL
            """) {
            changes.ids.insert(id)
        }
        // KEV and EPSS rows are read through the alias table: a changed CVE matters to a report that
        // asked for any id linked to it.
        let enrichmentIDs = try String.fetchAll(db, sql: """
            SELECT cve_id FROM (
                SELECT cve_id, date_added, known_ransomware FROM temp.prior_kev
                EXCEPT SELECT cve_id, date_added, known_ransomware FROM kev WHERE group_id = :id)
            UNION SELECT cve_id FROM (
                SELECT cve_id, date_added, known_ransomware FROM kev WHERE group_id = :id
                EXCEPT SELECT cve_id, date_added, known_ransomware FROM temp.prior_kev)
            UNION SELECT cve_id FROM (
                SELECT cve_id, score, percentile FROM temp.prior_epss EXCEPT SELECT cve_id, score, percentile FROM epss WHERE group_id = :id)
            UNION SELECT cve_id FROM (
                SELECT cve_id, score, percentile FROM epss WHERE group_id = :id EXCEPT SELECT cve_id, score, percentile FROM temp.prior_epss)
            """, arguments: ["id": groupID])
        if !enrichmentIDs.isEmpty, let json = RowWriter.json(enrichmentIDs) {
            changes.ids.formUnion(enrichmentIDs.map { $0.uppercased() })
            for linked in try String.fetchAll(db, sql: """
                SELECT a.alias FROM json_each(?) AS j CROSS JOIN alias AS a ON a.id = j.value
                UNION SELECT a.id FROM json_each(?) AS j CROSS JOIN alias AS a ON a.alias = j.value
                """, arguments: [json, json]) {
                changes.ids.insert(linked.uppercased())
            }
        }
        try db.execute(sql: "DROP TABLE temp.prior_record; DROP TABLE temp.prior_kev; DROP TABLE temp.prior_epss; DROP TABLE temp.changed_record")
        return changes
    }
}
