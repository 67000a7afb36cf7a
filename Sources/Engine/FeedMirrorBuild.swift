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
        let parts: [Part]
        do {
            parts = try await withThrowingTaskGroup(of: Part.self) { group in
                for file in files { group.addTask { try Self.transform(file) } }
                var collected: [Part] = []
                for try await part in group { collected.append(part) }
                return collected.sorted { $0.group < $1.group }
            }
        } catch let error as EngineError {
            throw error
        } catch {
            throw .feed(file: mirror, reason: "\(error)")
        }
        progress?.stage("writing \(database)")
        do {
            let now = Date()
            let report = try await VulnDBBuilder.build(at: database) { builder in
                for part in parts {
                    if !part.records.isEmpty { try builder.add(part.records, to: part.group) }
                    if !part.kev.isEmpty { try builder.add(kev: part.kev, to: part.group) }
                    if !part.epss.isEmpty { try builder.add(epss: part.epss, to: part.group) }
                    try builder.markSynced(part.group, GroupSync(lastSync: now, checksum: part.checksum))
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

    enum FeedFile: Sendable {
        case osv(path: String, ecosystem: String)
        case debianOVAL(path: String)
        case debianTracker(path: String)
        case kev(path: String)
        case epss(path: String)
    }

    func inventory() throws(EngineError) -> [FeedFile] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: mirror) else { throw .feed(file: mirror, reason: "no such directory") }
        var files: [FeedFile] = []
        for ecosystem in ((try? manager.contentsOfDirectory(atPath: mirror + "/osv")) ?? []).sorted()
        where manager.fileExists(atPath: "\(mirror)/osv/\(ecosystem)/all.zip") {
            files.append(.osv(path: "\(mirror)/osv/\(ecosystem)/all.zip", ecosystem: ecosystem))
        }
        for name in ((try? manager.contentsOfDirectory(atPath: mirror + "/debian/oval")) ?? []).sorted()
        where name.hasPrefix("oval-definitions-") && (name.hasSuffix(".xml.bz2") || name.hasSuffix(".xml")) {
            files.append(.debianOVAL(path: "\(mirror)/debian/oval/\(name)"))
        }
        for candidate in ["debian/security-tracker/tracker.json", "debian/tracker.json"] where manager.fileExists(atPath: "\(mirror)/\(candidate)") {
            files.append(.debianTracker(path: "\(mirror)/\(candidate)"))
        }
        if manager.fileExists(atPath: "\(mirror)/kev/known_exploited_vulnerabilities.json") {
            files.append(.kev(path: "\(mirror)/kev/known_exploited_vulnerabilities.json"))
        }
        for name in ((try? manager.contentsOfDirectory(atPath: mirror + "/epss")) ?? []).sorted() where name.contains(".csv") {
            files.append(.epss(path: "\(mirror)/epss/\(name)"))
        }
        return files
    }

    static func checksum(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return Digest.sha256(of: data).description
    }

    static func transform(_ file: FeedFile) throws(EngineError) -> Part {
        switch file {
        case .osv(let path, let ecosystem):
            do {
                let result = try OSVTransformer().transform(archiveAt: URL(fileURLWithPath: path))
                return Part(group: .vulnerabilities("osv:\(ecosystem.lowercased())"), records: result.records, checksum: checksum(path),
                            diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .debianOVAL(let path):
            do {
                let result = try DebianOVALTransformer().transform(fileAt: path)
                let namespace = result.records.first?.namespace ?? "debian"
                return Part(group: .vulnerabilities(namespace), records: result.records, checksum: checksum(path),
                            diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .debianTracker(let path):
            do {
                let result = try DebianTrackerTransformer().transform(fileAt: path)
                return Part(group: .vulnerabilities("debian-tracker"), records: result.records, checksum: checksum(path),
                            diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .kev(let path):
            do {
                let catalog = try KEVTransformer().transform(json: Data(contentsOf: URL(fileURLWithPath: path)), path: path)
                let entries = catalog.entries.map {
                    VulnDB.KEVEntry(cveID: $0.cveID, dateAdded: $0.dateAdded, knownRansomwareUse: $0.knownRansomwareCampaignUse)
                }
                return Part(group: .kev, kev: entries, checksum: checksum(path), diagnostics: catalog.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .epss(let path):
            do {
                let scores = try EPSSTransformer().transform(data: Data(contentsOf: URL(fileURLWithPath: path)), path: path)
                let entries = scores.rows.map { EPSSEntry(cveID: $0.cveID, score: $0.epss, percentile: $0.percentile ?? 0, date: scores.scoreDate) }
                return Part(group: .epss, epss: entries, checksum: checksum(path), diagnostics: scores.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        }
    }
}
