import Foundation
import GRDB
import Model

/// Builds a complete VulnDB atomically: rows go into a temporary file beside the target, and only
/// `commit()` after everything succeeded puts it in place, with one `rename(2)`. A thrown error,
/// `reject(_:)` or `discard()` removes the temporary file and leaves the previous DB untouched.
///
/// ```swift
/// let report = try await VulnDBBuilder.build(at: path) { builder in
///     try builder.add(records, to: .vulnerabilities("debian:12"))
///     try builder.markSynced(.vulnerabilities("debian:12"), GroupSync(lastSync: now, checksum: sum))
///     try builder.add(kev: kevEntries)
/// }
/// ```
/// Not thread-safe: feed it from one task (collect task-group results, then add them).
public final class VulnDBBuilder {
    public let targetPath: String
    public let temporaryPath: String
    /// Records skipped so far, each naming its group and id.
    public private(set) var diagnostics: [VulnDBDiagnostic] = []

    private var queue: DatabaseQueue?
    private let writer: RowWriter
    private var groupIDs: [FeedGroup: Int64] = [:]
    private var syncs: [FeedGroup: GroupSync] = [:]
    private var rejections: [String] = []
    /// Groups the file being replaced had synced: their fix observations were carried over.
    private var previouslySynced: Set<FeedGroup> = []
    private let clock: @Sendable () -> Date

    /// Starts a build whose result will replace `path`. `now` stamps groups without an explicit sync time.
    public init(target path: String, now: @escaping @Sendable () -> Date = Date.init) throws(VulnDBError) {
        targetPath = path
        temporaryPath = VulnDBFiles.temporarySibling(of: path, purpose: "build")
        writer = RowWriter(path: path)
        clock = now
        try VulnDBFiles.createParentDirectory(of: path)
        var configuration = Configuration()
        configuration.label = "VulnDB.build"
        // The temporary file is thrown away on any failure, so durability while filling it buys nothing.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        }
        do {
            let queue = try DatabaseQueue(path: temporaryPath, configuration: configuration)
            try VulnDBSchema.prepareForWriting(queue, path: temporaryPath, stampVersion: false)
            // Best effort: a file that cannot be read (corrupt, foreign) is replaced without its history.
            previouslySynced = (try? Self.carryFixObservations(from: path, into: queue)) ?? []
            self.queue = queue
        } catch {
            VulnDBFiles.removeDatabase(at: temporaryPath)
            if let error = error as? VulnDBError { throw error }
            throw .database(path: temporaryPath, group: nil, message: "\(error)")
        }
    }

    deinit {
        if queue != nil { discard() }
    }

    /// Adds a batch of records to `group` (call as often as needed). Records without an id,
    /// namespace or package name are skipped with a diagnostic.
    public func add(_ records: some Sequence<VulnerabilityRecord>, to group: FeedGroup) throws(VulnDBError) {
        try write(group) { db, id in
            let skipped = try writer.insert(records, group: group, groupID: id, in: db)
            diagnostics += skipped
        }
    }

    /// Adds CISA KEV entries to `group` (`.kev` by default).
    public func add(kev entries: some Sequence<KEVEntry>, to group: FeedGroup = .kev) throws(VulnDBError) {
        try write(group) { db, id in try writer.insert(kev: entries, groupID: id, in: db) }
    }

    /// Adds EPSS rows to `group` (`.epss` by default).
    public func add(epss entries: some Sequence<EPSSEntry>, to group: FeedGroup = .epss) throws(VulnDBError) {
        try write(group) { db, id in try writer.insert(epss: entries, groupID: id, in: db) }
    }

    /// Records when `group`'s input was fetched and its checksum. A group with no rows may be
    /// marked too (an upstream that is legitimately empty).
    public func markSynced(_ group: FeedGroup, _ sync: GroupSync) throws(VulnDBError) {
        try write(group) { _, _ in }
        syncs[group] = sync
    }

    /// Signals bad input: `commit()` will throw `.buildRejected` and keep the previous DB.
    public func reject(_ reason: String) {
        rejections.append(reason)
    }

    /// Finishes the file and atomically replaces the target with it.
    /// - Returns: the new DB's status and the diagnostics of skipped records.
    @discardableResult
    public func commit() throws(VulnDBError) -> VulnDBBuildReport {
        guard let queue else { throw .builderClosed(path: targetPath) }
        guard rejections.isEmpty else {
            let reasons = rejections
            discard()
            throw .buildRejected(path: targetPath, reasons: reasons)
        }
        do {
            let now = clock()
            try VulnDBError.wrapping(temporaryPath) {
                try queue.write { db in
                    for (group, id) in groupIDs {
                        let sync = syncs[group] ?? GroupSync(lastSync: now)
                        try writer.observeFixes(groupID: id, firstSync: !previouslySynced.contains(group), at: sync.lastSync, in: db)
                        try writer.finish(groupID: id, sync: syncs[group] ?? GroupSync(lastSync: now), in: db)
                    }
                    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('built_at', ?)", arguments: [VulnDBTime.format(now)])
                }
            }
            try VulnDBError.wrapping(temporaryPath) {
                try VulnDBSchema.prepareForWriting(queue, path: temporaryPath, stampVersion: true)
                try queue.close()
            }
            self.queue = nil
            try VulnDBFiles.withWriteLock(on: targetPath) { () throws(VulnDBError) in
                try VulnDBFiles.replace(targetPath, with: temporaryPath)
            }
        } catch {
            discard()
            throw error
        }
        let database = try VulnerabilityDatabase(path: targetPath)
        return VulnDBBuildReport(status: try database.status(), diagnostics: diagnostics)
    }

    /// Abandons the build: closes and deletes the temporary file. The target is untouched.
    public func discard() {
        try? queue?.close()
        queue = nil
        VulnDBFiles.removeDatabase(at: temporaryPath)
    }

    /// Runs `produce` against a new builder and commits when it returns; if it throws (or calls
    /// `reject`), the temporary file is removed, the previous DB is kept and the error propagates.
    @discardableResult
    public static func build(at path: String, now: @escaping @Sendable () -> Date = Date.init,
                             _ produce: (VulnDBBuilder) async throws -> Void) async throws -> VulnDBBuildReport {
        let builder = try VulnDBBuilder(target: path, now: now)
        do {
            try await produce(builder)
            try Task.checkCancellation()
        } catch {
            builder.discard()
            throw error
        }
        return try builder.commit()
    }

    /// A full rebuild keeps what the file it replaces knew of when fixes appeared: copies its
    /// `fix_observed` rows (a file of schema 2 or later) and returns the groups it had synced.
    private static func carryFixObservations(from path: String, into queue: DatabaseQueue) throws -> Set<FeedGroup> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS previous", arguments: [path])
            defer { try? db.execute(sql: "DETACH DATABASE previous") }
            let version = try Int.fetchOne(db, sql: "PRAGMA previous.user_version") ?? 0
            guard version >= 2 else { return [] }
            try db.execute(sql: "INSERT OR IGNORE INTO main.fix_observed SELECT id, namespace, package_name, fixed_in, observed_at FROM previous.fix_observed")
            let rows = try Row.fetchAll(db, sql: "SELECT feed, name FROM previous.feed_group WHERE last_sync IS NOT NULL")
            return Set(rows.map { FeedGroup(feed: $0[0], name: $0[1]) })
        }
    }

    private func write(_ group: FeedGroup, _ body: (Database, Int64) throws -> Void) throws(VulnDBError) {
        guard let queue else { throw .builderClosed(path: targetPath) }
        try VulnDBError.wrapping(temporaryPath, group: group) {
            try queue.write { db in
                let id: Int64
                if let known = groupIDs[group] {
                    id = known
                } else {
                    id = try writer.groupID(group, in: db)
                    groupIDs[group] = id
                }
                try body(db, id)
            }
        }
    }
}

/// The outcome of a build or replace: the new status, and the records that were skipped.
public struct VulnDBBuildReport: Sendable, Hashable, Codable {
    public var status: VulnDBStatus
    public var diagnostics: [VulnDBDiagnostic]
    /// What a group replacement changed; nil from a full build (everything may have).
    public var changes: VulnDBChanges?

    public init(status: VulnDBStatus, diagnostics: [VulnDBDiagnostic], changes: VulnDBChanges? = nil) {
        self.status = status
        self.diagnostics = diagnostics
        self.changes = changes
    }
}
