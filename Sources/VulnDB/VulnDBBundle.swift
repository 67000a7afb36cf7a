import Foundation
import GRDB
import Model

/// The offline bundle for air-gapped sites: one POSIX ustar archive (inspect it with `tar tvf`)
/// holding, in this order,
/// 1. `manifest.json` — a `VulnDBBundleManifest` (bundle format, schema version, the database's
///    size and SHA-256, the groups' metadata), and
/// 2. `vulndb.sqlite` — a compacted, consistent copy of the database (`VACUUM INTO`).
///
/// Import checks the format and schema version from the manifest before reading further, checks
/// the database's size and SHA-256, opens the extracted copy and checks its `user_version`, and
/// only then renames it over the target. Anything wrong leaves the installed DB untouched.
public enum VulnDBBundle {
    static let manifestName = "manifest.json"
    static let databaseName = "vulndb.sqlite"
}

/// The bundle's `manifest.json`.
public struct VulnDBBundleManifest: Sendable, Hashable, Codable {
    /// `"hawser-vulndb-bundle"`.
    public static let formatName = "hawser-vulndb-bundle"
    /// Bundle format changelog:
    /// - 1: ustar archive of `manifest.json` then `vulndb.sqlite`; manifest has `format`,
    ///   `formatVersion`, `schemaVersion`, `createdAt`, `database {name, size, sha256}`, `groups`.
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    /// `VulnDBSchema.version` of the database inside.
    public var schemaVersion: Int
    public var createdAt: Date
    public var database: File
    public var groups: [FeedGroupStatus]

    public struct File: Sendable, Hashable, Codable {
        public var name: String
        public var size: Int64
        /// `sha256:<hex>`.
        public var sha256: String
    }

    public init(schemaVersion: Int, createdAt: Date, database: File, groups: [FeedGroupStatus]) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.schemaVersion = schemaVersion
        self.createdAt = createdAt
        self.database = database
        self.groups = groups
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension VulnerabilityDatabase {
    /// Writes an offline bundle of this database to `bundlePath` (atomically: a temporary file
    /// beside it, then `rename`).
    @discardableResult
    public func export(to bundlePath: String, now: Date = Date()) throws(VulnDBError) -> VulnDBBundleManifest {
        try VulnDBFiles.createParentDirectory(of: bundlePath)
        let snapshot = VulnDBFiles.temporarySibling(of: bundlePath, purpose: "snapshot")
        let partial = VulnDBFiles.temporarySibling(of: bundlePath, purpose: "export")
        defer {
            VulnDBFiles.removeDatabase(at: snapshot)
            unlink(partial)
        }
        // A consistent, compact copy even while a replace is writing.
        try VulnDBError.wrapping(path) {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.inDatabase { try $0.execute(sql: "VACUUM INTO ?", arguments: [snapshot]) }
        }
        let groups = try status().groups
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)) // the manifest keeps whole seconds
        let digest = try VulnDBFiles.sha256(of: snapshot)
        let manifest = VulnDBBundleManifest(
            schemaVersion: VulnDBSchema.version, createdAt: now,
            database: .init(name: VulnDBBundle.databaseName, size: VulnDBFiles.size(of: snapshot), sha256: digest),
            groups: groups)
        let manifestBytes: Data
        do { manifestBytes = try VulnDBBundleManifest.encoder.encode(manifest) } catch {
            throw .io(path: bundlePath, operation: "encode manifest", message: "\(error)")
        }
        var tar = try TarWriter(path: partial)
        try tar.append(name: VulnDBBundle.manifestName, bytes: manifestBytes, modified: now)
        try tar.append(name: VulnDBBundle.databaseName, copying: snapshot, modified: now)
        try tar.finish()
        try VulnDBFiles.replace(bundlePath, with: partial)
        return manifest
    }

    /// Reads just the manifest of a bundle (for `hawser db import --dry-run` or display).
    public static func bundleManifest(at bundlePath: String) throws(VulnDBError) -> VulnDBBundleManifest {
        var reader = try TarReader(path: bundlePath)
        return try readManifest(&reader, bundlePath: bundlePath)
    }

    /// Installs a bundle at `target` (default location unless given). Verifies the bundle format,
    /// the schema version, the database's size and checksum and the extracted file itself before
    /// atomically replacing the target; on any failure the installed DB is untouched.
    @discardableResult
    public static func importBundle(from bundlePath: String, to target: String) throws(VulnDBError) -> VulnDBStatus {
        guard FileManager.default.fileExists(atPath: bundlePath) else { throw .notFound(path: bundlePath) }
        var reader = try TarReader(path: bundlePath)
        let manifest = try readManifest(&reader, bundlePath: bundlePath)
        guard let entry = try reader.next() else { throw .corruptBundle(path: bundlePath, reason: "no \(VulnDBBundle.databaseName) after the manifest") }
        guard entry.name == manifest.database.name, entry.name == VulnDBBundle.databaseName else {
            throw .corruptBundle(path: bundlePath, reason: "expected \(VulnDBBundle.databaseName), found \(entry.name)")
        }
        guard entry.size == manifest.database.size else {
            throw .corruptBundle(path: bundlePath, reason: "database is \(entry.size) bytes, the manifest says \(manifest.database.size)")
        }
        try VulnDBFiles.createParentDirectory(of: target)
        let staged = VulnDBFiles.temporarySibling(of: target, purpose: "import")
        var installed = false
        defer { if !installed { VulnDBFiles.removeDatabase(at: staged) } }
        try reader.extractCurrent(to: staged)
        let digest = try VulnDBFiles.sha256(of: staged)
        guard digest == manifest.database.sha256 else {
            throw .checksumMismatch(path: bundlePath, expected: manifest.database.sha256, actual: digest)
        }
        // The file itself must agree with the manifest and be sound.
        try VulnDBError.wrapping(bundlePath) {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: staged, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let version = try VulnDBSchema.storedVersion(db)
                guard version == VulnDBSchema.version else {
                    throw VulnDBError.schemaVersionMismatch(path: bundlePath, found: version, expected: VulnDBSchema.version)
                }
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "no answer"
                guard check == "ok" else { throw VulnDBError.corruptBundle(path: bundlePath, reason: "integrity check: \(check)") }
            }
        }
        try VulnDBFiles.withWriteLock(on: target) { () throws(VulnDBError) in
            try VulnDBFiles.replace(target, with: staged)
        }
        installed = true
        return try VulnerabilityDatabase(path: target).status()
    }

    private static func readManifest(_ reader: inout TarReader, bundlePath: String) throws(VulnDBError) -> VulnDBBundleManifest {
        guard let first = try reader.next(), first.name == VulnDBBundle.manifestName else {
            throw .corruptBundle(path: bundlePath, reason: "not a Hawser VulnDB bundle (no \(VulnDBBundle.manifestName) first)")
        }
        guard first.size <= 16 << 20 else { throw .corruptBundle(path: bundlePath, reason: "manifest is \(first.size) bytes") }
        let bytes = try reader.readCurrent()
        let manifest: VulnDBBundleManifest
        do { manifest = try VulnDBBundleManifest.decoder.decode(VulnDBBundleManifest.self, from: bytes) } catch {
            throw .corruptBundle(path: bundlePath, reason: "unreadable manifest: \(error)")
        }
        guard manifest.format == VulnDBBundleManifest.formatName else {
            throw .corruptBundle(path: bundlePath, reason: "manifest format is \(manifest.format)")
        }
        guard manifest.formatVersion == VulnDBBundleManifest.currentFormatVersion else {
            throw .corruptBundle(path: bundlePath, reason: "bundle format version \(manifest.formatVersion), this Hawser reads \(VulnDBBundleManifest.currentFormatVersion)")
        }
        guard manifest.schemaVersion == VulnDBSchema.version else {
            throw .schemaVersionMismatch(path: bundlePath, found: manifest.schemaVersion, expected: VulnDBSchema.version)
        }
        return manifest
    }
}

extension VulnDBFiles {
    /// `sha256:<hex>` of a file, read through a memory map (no copy in the heap).
    static func sha256(of path: String) throws(VulnDBError) -> String {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            return Digest.sha256(of: data).description
        } catch {
            throw .io(path: path, operation: "read for checksum", message: "\(error)")
        }
    }
}
