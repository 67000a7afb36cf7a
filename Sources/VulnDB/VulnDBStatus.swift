import Foundation
import GRDB

/// What `hawser db status` shows: schema version, file size and, per feed group, the last sync,
/// the row count and the checksum of the input it was built from.
public struct VulnDBStatus: Sendable, Hashable, Codable {
    public var path: String
    public var schemaVersion: Int
    /// When the file was last written by a build, replace or import.
    public var builtAt: Date?
    public var fileSize: Int64
    public var groups: [FeedGroupStatus]

    /// Records across all groups (KEV and EPSS rows not included).
    public var recordCount: Int
    public var kevCount: Int
    public var epssCount: Int

    public init(path: String, schemaVersion: Int, builtAt: Date?, fileSize: Int64, groups: [FeedGroupStatus],
                recordCount: Int, kevCount: Int, epssCount: Int) {
        self.path = path
        self.schemaVersion = schemaVersion
        self.builtAt = builtAt
        self.fileSize = fileSize
        self.groups = groups
        self.recordCount = recordCount
        self.kevCount = kevCount
        self.epssCount = epssCount
    }

    /// The status of one group, if present.
    public func group(_ group: FeedGroup) -> FeedGroupStatus? {
        groups.first { $0.group == group }
    }
}

/// One feed group's metadata.
public struct FeedGroupStatus: Sendable, Hashable, Codable {
    public var group: FeedGroup
    public var lastSync: Date?
    /// Rows the group holds (records, or KEV/EPSS entries).
    public var recordCount: Int
    /// Checksum of the input the group was built from, as the producer gave it.
    public var checksum: String?

    public init(group: FeedGroup, lastSync: Date?, recordCount: Int, checksum: String?) {
        self.group = group
        self.lastSync = lastSync
        self.recordCount = recordCount
        self.checksum = checksum
    }
}

extension VulnerabilityDatabase {
    /// The database's status (reads metadata only; cheap).
    public func status() throws(VulnDBError) -> VulnDBStatus {
        let size = VulnDBFiles.size(of: path)
        return try VulnDBError.wrapping(path) {
            try pool.read { db in try VulnDBStatus.read(db, path: path, fileSize: size) }
        }
    }
}

extension VulnDBStatus {
    static func read(_ db: Database, path: String, fileSize: Int64) throws -> VulnDBStatus {
        let groups = try Row.fetchAll(db, sql: "SELECT feed, name, last_sync, record_count, checksum FROM feed_group ORDER BY feed, name").map {
            FeedGroupStatus(group: FeedGroup(feed: $0["feed"], name: $0["name"]), lastSync: VulnDBTime.parse($0["last_sync"]),
                            recordCount: $0["record_count"], checksum: $0["checksum"])
        }
        let builtAt = VulnDBTime.parse(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'built_at'"))
        return VulnDBStatus(
            path: path, schemaVersion: try VulnDBSchema.storedVersion(db), builtAt: builtAt, fileSize: fileSize, groups: groups,
            recordCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM record") ?? 0,
            kevCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM kev") ?? 0,
            epssCount: try Int.fetchOne(db, sql: "SELECT count(*) FROM epss") ?? 0)
    }
}
