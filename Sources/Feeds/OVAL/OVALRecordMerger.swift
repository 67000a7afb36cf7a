import Model
import Versions

/// Keeps one record per (id, namespace, package) for the advisory-based OVAL feeds.
///
/// Ubuntu and Red Hat list the same CVE for the same package in several advisories (a
/// regression update `USN-5710-2` after `USN-5710-1`, an RHSA superseding an earlier one), each
/// with its own fixed version. Those records together say "affected before any of them", which
/// is "affected before the highest": the merged record keeps that version and the union of the
/// advisories, urls and scores, so a scan reports the CVE once per package with the version
/// that fixes every listing.
struct OVALRecordMerger {
    let format: VersionFormat
    private var order: [String] = []
    private var records: [String: VulnerabilityRecord] = [:]
    private var fixed: [String: Version] = [:]

    init(format: VersionFormat) {
        self.format = format
    }

    /// Adds a record whose `fixedIn` holds its one fixed version (already validated in `format`).
    mutating func add(_ record: VulnerabilityRecord) {
        let key = [record.id, record.namespace, record.packageName].joined(separator: "\u{0}")
        let version = record.fixedIn.first.flatMap { try? format.parse($0) }
        guard var existing = records[key] else {
            order.append(key)
            records[key] = record
            fixed[key] = version
            return
        }
        if let version, let current = fixed[key], (try? version.compare(to: current)) == 1 {
            existing.constraint = record.constraint
            existing.fixedIn = record.fixedIn
            existing.summary = record.summary ?? existing.summary
            existing.published = record.published ?? existing.published
            existing.modified = record.modified ?? existing.modified
            fixed[key] = version
        }
        existing.related = Self.union(existing.related, record.related)
        existing.aliases = Self.union(existing.aliases, record.aliases)
        existing.urls = Self.union(existing.urls, record.urls)
        if !record.cvss.isEmpty { existing.cvss = Array(Self.union(existing.cvss, record.cvss)) }
        if let severity = record.severity, severity > (existing.severity ?? .unknown) { existing.severity = severity }
        records[key] = existing
    }

    /// The records in first-seen order.
    var merged: [VulnerabilityRecord] { order.compactMap { records[$0] } }

    private static func union<Element: Hashable>(_ a: [Element], _ b: [Element]) -> [Element] {
        var seen = Set(a)
        return a + b.filter { seen.insert($0).inserted }
    }
}
