import Foundation
import Model
import TestSupport
import Testing
@testable import VulnDB

/// A group replacement reports what it changed as the matcher would notice it, so the service
/// re-matches only the stored images it touches.
@Suite struct GroupChangesTests {
    func key(_ namespace: String, _ name: String) -> String { VulnDBChanges.lookupKey(namespace: namespace, packageName: name) }

    @Test func replacementReportsChangedLookupsAndIDs() async throws {
        let dir = try TemporaryDirectory("vulndb-changes")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Fixtures.buildSample(at: path)
        let day2 = GroupSync(lastSync: Fixtures.syncDate.addingTimeInterval(86_400))

        // The same records again: nothing changed, whatever the checksum says.
        let same = try VulnerabilityDatabase.replace(group: Fixtures.debian, records: Fixtures.debianRecords(3) + [Fixtures.minimalRecord],
                                                     sync: GroupSync(lastSync: Fixtures.syncDate, checksum: "sha256:other"), at: path)
        #expect(same.changes == VulnDBChanges())

        // A record added for another package, and one's severity edited: both packages, both ids.
        var edited = Fixtures.debianRecords(3)
        edited[1].severity = .critical
        let added = VulnerabilityRecord(id: "CVE-2024-20000", namespace: "debian:12", packageName: "curl", versionFormat: "deb",
                                        constraint: "< 7.88.1-10", fixedIn: ["7.88.1-10"], fixState: .fixed, severity: .medium,
                                        aliases: ["DSA-9999-1"], source: "debian-tracker")
        let report = try VulnerabilityDatabase.replace(group: Fixtures.debian, records: edited + [Fixtures.minimalRecord, added], sync: day2, at: path)
        #expect(report.changes?.lookups == [key("debian:12", "openssl"), key("debian:12", "curl")])
        #expect(report.changes?.ids == ["CVE-2024-10001", "CVE-2024-20000", "DSA-9999-1"])

        // A record withdrawn is a change too; the other group's packages never appear.
        let withdrawn = try VulnerabilityDatabase.replace(group: Fixtures.debian, records: edited + [Fixtures.minimalRecord], sync: day2, at: path)
        #expect(withdrawn.changes == VulnDBChanges(lookups: [key("debian:12", "curl")], ids: ["CVE-2024-20000", "DSA-9999-1"]))

        // A KEV entry added for a CVE reaches the ids aliased to it (GHSA-… through the python record).
        let kev = try VulnerabilityDatabase.replace(group: .kev, with: .kev([
            KEVEntry(cveID: "CVE-2018-18074", dateAdded: "2022-03-25", knownRansomwareUse: true),
            KEVEntry(cveID: "CVE-2099-0001", dateAdded: "2026-12-01", knownRansomwareUse: false),
        ]), sync: day2, at: path)
        #expect(kev.changes == VulnDBChanges(lookups: [], ids: ["CVE-2099-0001"]))
        let ransomware = try VulnerabilityDatabase.replace(group: .kev, with: .kev([
            KEVEntry(cveID: "CVE-2018-18074", dateAdded: "2022-03-25", knownRansomwareUse: false),
            KEVEntry(cveID: "CVE-2099-0001", dateAdded: "2026-12-01", knownRansomwareUse: false),
        ]), sync: day2, at: path)
        #expect(ransomware.changes == VulnDBChanges(lookups: [], ids: ["CVE-2018-18074", "GHSA-J8R2-6X86-Q33Q"]))

        // EPSS scores are compared, not their dates.
        let epss = try VulnerabilityDatabase.replace(group: .epss, with: .epss([
            EPSSEntry(cveID: "CVE-2018-18074", score: 0.0123, percentile: 0.85, date: "2024-05-02"),
            EPSSEntry(cveID: "CVE-2023-0286", score: 0.6, percentile: 0.98, date: "2024-05-02"),
        ]), sync: day2, at: path)
        #expect(epss.changes == VulnDBChanges(lookups: [], ids: ["CVE-2023-0286"]))

        let changes = try #require(report.changes)
        #expect(changes.touches(lookups: [key("debian:12", "zlib"), key("debian:12", "curl")], ids: []))
        #expect(!changes.touches(lookups: [key("debian:12", "zlib"), key("debian:11", "curl")], ids: ["CVE-2024-10000"]))
        #expect(changes.touches(lookups: [], ids: ["DSA-9999-1"]))
    }
}
