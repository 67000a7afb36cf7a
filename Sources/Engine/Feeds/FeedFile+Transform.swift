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
        switch file {
        case .osv(let path, let ecosystem, let overlay):
            do {
                let result = try OSVTransformer().transform(archiveAt: URL(fileURLWithPath: path))
                let overlaid = OSVIncrementalState.apply(overlay: overlay, to: result)
                return Part(group: .vulnerabilities("osv:\(ecosystem.lowercased())"), records: overlaid.records,
                            checksum: checksum(path) + overlaid.checksumSuffix, diagnostics: overlaid.diagnostics.map(\.description))
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
        case .nvd(let folder):
            let pages = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".json") || $0.hasSuffix(".json.gz") }.sorted().map { folder + "/" + $0 }
            do {
                let result = try NVDTransformer().transform(pages: pages.map { URL(fileURLWithPath: $0) })
                return Part(group: .vulnerabilities("nvd"), records: result.records, checksum: pages.map(checksum).joined(separator: "+"),
                            diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: folder, reason: "\(error)")
            }
        case .ubuntuOVAL(let path):
            do {
                let result = try UbuntuOVALTransformer().transform(fileAt: path)
                return Part(group: .vulnerabilities(result.namespaces.sorted().first ?? "ubuntu"), records: result.records,
                            checksum: checksum(path), diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .redHatOVAL(let path, let rocky):
            do {
                let result = try RedHatOVALTransformer(vendor: rocky ? .rocky : .redHat).transform(fileAt: path)
                return Part(group: .vulnerabilities(result.namespaces.sorted().first ?? (rocky ? "rocky" : "rhel")), records: result.records,
                            checksum: checksum(path), diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .alpineSecDB(let path):
            do {
                let result = try AlpineSecDBTransformer().transform(fileAt: path)
                return Part(group: .vulnerabilities(result.namespace), records: result.records, checksum: checksum(path),
                            diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .rubySec(let path):
            do {
                let result = try RubySecTransformer().transform(fileAt: path)
                return Part(group: .vulnerabilities("rubysec"), records: result.records, checksum: checksum(path),
                            diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .friendsOfPHP(let path):
            do {
                let result = try FriendsOfPHPTransformer().transform(fileAt: path)
                return Part(group: .vulnerabilities("friendsofphp"), records: result.records, checksum: checksum(path),
                            diagnostics: result.diagnostics.map(\.description))
            } catch {
                throw .feed(file: path, reason: "\(error)")
            }
        case .ghsa(let path):
            do {
                let result = try OSVTransformer().transform(filesAt: path, source: "ghsa")
                return Part(group: .vulnerabilities("ghsa"), records: result.records, checksum: checksum(path),
                            diagnostics: result.diagnostics.map(\.description))
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
