import Feeds
import Crypto
import Foundation
import Model
import VulnDB

/// Reading one mirror file with its feed's transformer, into the rows of one DB group.
extension FeedMirrorBuild {
    static func groupChecksum(_ parts: [Part]) -> String {
        parts.map(\.checksum).sorted().joined(separator: ",")
    }

    /// SHA-256 of a feed file, read in 1 MiB chunks (the GHSA tarball alone is gigabytes).
    static func checksum(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Digest(sha256: hasher.finalize()).description
    }

    static func transform(_ file: FeedFile) throws(EngineError) -> Part {
        let path = file.path
        do {
            switch file {
            case .osv(_, let ecosystem, let overlay):
                let overlaid = OSVIncrementalState.apply(overlay: overlay, to: try OSVTransformer().transform(archiveAt: URL(fileURLWithPath: path)))
                return Part(group: .vulnerabilities("osv:\(ecosystem.lowercased())"), records: overlaid.records,
                            checksum: checksum(path) + overlaid.checksumSuffix, diagnostics: overlaid.diagnostics.map(\.description))
            case .debianOVAL:
                let result = try DebianOVALTransformer().transform(fileAt: path)
                return records(result.records, result.diagnostics, group: result.records.first?.namespace ?? "debian", path: path)
            case .debianTracker:
                let result = try DebianTrackerTransformer().transform(fileAt: path)
                return records(result.records, result.diagnostics, group: "debian-tracker", path: path)
            case .ubuntuOVAL:
                let result = try UbuntuOVALTransformer().transform(fileAt: path)
                return records(result.records, result.diagnostics, group: result.namespaces.sorted().first ?? "ubuntu", path: path)
            case .redHatOVAL(_, let rocky):
                let result = try RedHatOVALTransformer(vendor: rocky ? .rocky : .redHat).transform(fileAt: path)
                return records(result.records, result.diagnostics, group: result.namespaces.sorted().first ?? (rocky ? "rocky" : "rhel"), path: path)
            case .alpineSecDB:
                let result = try AlpineSecDBTransformer().transform(fileAt: path)
                return records(result.records, result.diagnostics, group: result.namespace, path: path)
            case .rubySec:
                let result = try RubySecTransformer().transform(fileAt: path)
                return records(result.records, result.diagnostics, group: "rubysec", path: path)
            case .friendsOfPHP:
                let result = try FriendsOfPHPTransformer().transform(fileAt: path)
                return records(result.records, result.diagnostics, group: "friendsofphp", path: path)
            case .ghsa:
                let result = try OSVTransformer().transform(filesAt: path, source: "ghsa")
                return records(result.records, result.diagnostics, group: "ghsa", path: path)
            case .nvd:
                let pages = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                    .filter { $0.hasSuffix(".json") || $0.hasSuffix(".json.gz") }.sorted().map { path + "/" + $0 }
                let result = try NVDTransformer().transform(pages: pages.map { URL(fileURLWithPath: $0) })
                return Part(group: .vulnerabilities("nvd"), records: result.records, checksum: pages.map(checksum).joined(separator: "+"),
                            diagnostics: result.diagnostics.map(\.description))
            case .kev:
                let catalog = try KEVTransformer().transform(json: Data(contentsOf: URL(fileURLWithPath: path)), path: path)
                let entries = catalog.entries.map {
                    VulnDB.KEVEntry(cveID: $0.cveID, dateAdded: $0.dateAdded, knownRansomwareUse: $0.knownRansomwareCampaignUse)
                }
                return Part(group: .kev, kev: entries, checksum: checksum(path), diagnostics: catalog.diagnostics.map(\.description))
            case .epss:
                let scores = try EPSSTransformer().transform(data: Data(contentsOf: URL(fileURLWithPath: path)), path: path)
                let entries = scores.rows.map { EPSSEntry(cveID: $0.cveID, score: $0.epss, percentile: $0.percentile ?? 0, date: scores.scoreDate) }
                return Part(group: .epss, epss: entries, checksum: checksum(path), diagnostics: scores.diagnostics.map(\.description))
            }
        } catch {
            // Any transformer's error: the whole file could not be used (single bad records are diagnostics).
            throw .feed(file: path, reason: "\(error)")
        }
    }

    /// A vulnerability group read from one file.
    private static func records(_ records: [VulnerabilityRecord], _ diagnostics: [FeedDiagnostic], group: String, path: String) -> Part {
        Part(group: .vulnerabilities(group), records: records, checksum: checksum(path), diagnostics: diagnostics.map(\.description))
    }

    /// Transforms files concurrently (each transformer works on its own file), keeping each outcome.
    static func transformAll(_ files: [FeedFile]) async -> [(file: FeedFile, part: Result<Part, EngineError>)] {
        await withTaskGroup(of: (FeedFile, Result<Part, EngineError>).self) { group in
            for file in files {
                group.addTask {
                    do { return (file, .success(try transform(file))) } catch {
                        return (file, .failure(error as? EngineError ?? .feed(file: file.path, reason: "\(error)")))
                    }
                }
            }
            var collected: [(file: FeedFile, part: Result<Part, EngineError>)] = []
            for await (file, outcome) in group { collected.append((file, outcome)) }
            return collected.sorted { $0.file.path < $1.file.path }
        }
    }
}
