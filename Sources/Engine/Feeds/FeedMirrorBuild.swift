import Feeds
import Foundation
import Model
import VulnDB

/// `hawser db build --from DIR`: reads a local mirror laid out as the upstream URLs are (as
/// ../shared/feeds is) and builds the vulnerability DB atomically: the old DB stays unless every
/// feed file could be read. Bad single records become diagnostics.
public struct FeedMirrorBuild: Sendable {
    public var mirror: String
    public var database: String

    public init(mirror: String, database: String) {
        self.mirror = mirror
        self.database = database
    }

    public struct Report: Sendable {
        public var status: VulnDBStatus
        public var diagnostics: [String]
        public var groups: [String: Int]
    }

    /// One feed file's transformed content.
    struct Part: Sendable {
        var group: FeedGroup
        var records: [VulnerabilityRecord] = []
        var kev: [VulnDB.KEVEntry] = []
        var epss: [EPSSEntry] = []
        var checksum: String
        var diagnostics: [String]
    }

    public func run(progress: (any ProgressReporter)? = nil) async throws(EngineError) -> Report {
        let files = try inventory()
        guard !files.isEmpty else { throw .feed(file: mirror, reason: "no feed files found (expected osv/*/all.zip, debian/oval/*.xml.bz2, kev/…)") }
        progress?.stage("reading \(files.count) feed files")
        // A build is all or nothing: the first file that cannot be read stops it (the old DB stays).
        var parts: [Part] = []
        for outcome in await Self.transformAll(files) {
            switch outcome.part {
            case .success(let part): parts.append(part)
            case .failure(let error): throw error
            }
        }
        progress?.stage("writing \(database)")
        do {
            let now = Date()
            let report = try await VulnDBBuilder.build(at: database) { builder in
                for part in parts {
                    if !part.records.isEmpty { try builder.add(part.records, to: part.group) }
                    if !part.kev.isEmpty { try builder.add(kev: part.kev, to: part.group) }
                    if !part.epss.isEmpty { try builder.add(epss: part.epss, to: part.group) }
                }
                // A group read from several files (Alpine main + community) has their checksums joined, as `FeedSync` compares them.
                for (group, pieces) in Dictionary(grouping: parts, by: \.group) {
                    try builder.markSynced(group, GroupSync(lastSync: now, checksum: Self.groupChecksum(pieces)))
                }
            }
            progress?.finished()
            var counts: [String: Int] = [:]
            for part in parts { counts[part.group.description, default: 0] += part.records.count + part.kev.count + part.epss.count }
            return Report(status: report.status, diagnostics: parts.flatMap(\.diagnostics) + report.diagnostics.map { "\($0)" }, groups: counts)
        } catch let error as VulnDBError {
            throw .database(error.description)
        } catch {
            throw .database("\(error)")
        }
    }

    /// Every feed input under the mirror (the `samples/` folder of ../shared/feeds is not one).
    func inventory() throws(EngineError) -> [FeedFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: mirror, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .feed(file: mirror, reason: "no such directory")
        }
        var files: [FeedFile] = []
        for top in ((try? manager.contentsOfDirectory(atPath: mirror)) ?? []).sorted() where top != "samples" && !top.hasPrefix(".") {
            guard let walker = manager.enumerator(atPath: mirror + "/" + top) else { continue }
            while let relative = walker.nextObject() as? String {
                if let file = FeedFile.classify(top + "/" + relative, root: mirror) { files.append(file) }
            }
        }
        return Array(Set(files)).sorted { $0.path < $1.path }
    }
}
