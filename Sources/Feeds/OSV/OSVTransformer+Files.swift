import Foundation
import Model

/// OSV documents that are not in an `all.zip`: GitHub's advisory-database (GHSA) repository,
/// as its tarball (`advisory-database-main.tar.gz`) or a checkout, or any folder of OSV JSON
/// files. GHSA ecosystems (npm, PyPI, Maven, Go, crates.io, RubyGems, Packagist, NuGet, Pub,
/// Hex, SwiftURL…) land in the same namespaces and package-name forms as osv.dev's own exports,
/// because every document goes through `transform(document:path:)`.
extension OSVTransformer {
    /// Reads every `*.json` file of a tar archive (gzip/zstd-compressed or plain) or directory
    /// tree at `path`, outside hidden folders (`.github/`). A file that is not an OSV document is
    /// a diagnostic naming it; an unreadable or truncated archive throws.
    ///
    /// - Parameter source: the `source` of the records and the feed of the diagnostics, `osv`
    ///   by default; pass e.g. `ghsa` to keep GitHub's advisories apart from osv.dev's in the DB.
    /// - Returns: records as `transform(archiveAt:)` makes them; an id found in several files
    ///   is kept once (the latest `modified` wins) and counted in `statistics.duplicates`.
    public func transform(filesAt path: String, source: String = "osv") throws(OSVError) -> OSVTransformResult {
        var result = OSVTransformResult()
        // Records per document id, in reading order, to de-duplicate copies.
        var order: [String] = []
        var recordsByID: [String: [VulnerabilityRecord]] = [:]
        do throws(FeedFileError) {
            try FeedArchive(path: path).forEachMember(where: Self.isDocumentPath) { member in
                guard let bytes = member.bytes else {
                    result.statistics.documents += 1
                    result.statistics.rejected += 1
                    result.diagnostics.append(FeedDiagnostic(feed: name, record: member.path, message: "file is too large; skipped"))
                    return
                }
                let single = transform(document: Data(bytes), path: "\(path):\(member.path)")
                result.diagnostics += single.diagnostics
                result.statistics.documents += 1
                guard let id = single.records.first?.id else {
                    // Withdrawn, informational or rejected: counted as the single transform did.
                    result.statistics.withdrawn += single.statistics.withdrawn
                    result.statistics.informational += single.statistics.informational
                    result.statistics.rejected += single.statistics.rejected
                    return
                }
                if let existing = recordsByID[id] {
                    result.statistics.duplicates += 1
                    if Self.isNewer(single.records, than: existing) { recordsByID[id] = single.records }
                } else {
                    result.statistics.transformed += 1
                    order.append(id)
                    recordsByID[id] = single.records
                }
            }
        } catch {
            throw .unreadableArchive(path: path, reason: error.description)
        }
        for id in order {
            result.records += recordsByID[id] ?? []
        }
        if source != name {
            for index in result.records.indices { result.records[index].source = source }
            for index in result.diagnostics.indices { result.diagnostics[index].feed = source }
        }
        return result
    }

    /// `*.json` outside hidden folders.
    static func isDocumentPath(_ components: [String]) -> Bool {
        guard let file = components.last, file.lowercased().hasSuffix(".json") else { return false }
        return !components.contains { $0.hasPrefix(".") }
    }

    /// Whether the copy `candidate` was modified later than `current` (by parsed timestamps).
    private static func isNewer(_ candidate: [VulnerabilityRecord], than current: [VulnerabilityRecord]) -> Bool {
        guard let new = candidate.first?.modified.flatMap(OSVModifiedIndex.parseTimestamp) else { return false }
        guard let old = current.first?.modified.flatMap(OSVModifiedIndex.parseTimestamp) else { return true }
        return new > old
    }
}
