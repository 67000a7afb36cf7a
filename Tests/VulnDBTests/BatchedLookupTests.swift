import Foundation
import GRDB
import Model
import Testing
import TestSupport
@testable import VulnDB

/// The batched lookups a match run uses (`records(namespace:packageNames:)`, `enrichments(for:)`)
/// answer exactly what the single lookups answer, name by name and group by group.
@Suite struct BatchedLookupTests {
    static let tracker = FeedGroup.vulnerabilities("debian:12")
    static let osv = FeedGroup.vulnerabilities("github:python")

    /// Debian-tracker-shaped records: source packages with many CVEs sharing fixed versions,
    /// `<unfixed>` ones, not-affected ones; names interleaved so rowid order is not name order.
    static let debianRecords: [VulnerabilityRecord] = (0..<60).map { index in
        let package = ["openssl", "glibc", "krb5", "curl", "zlib"][index % 5]
        let fixState: FixState = index % 7 == 0 ? .notFixed : index % 11 == 0 ? .notAffected : .fixed
        return VulnerabilityRecord(
            id: "CVE-20\(10 + index % 14)-\(1000 + index)", namespace: "debian:12", packageName: package, versionFormat: "deb",
            constraint: fixState == .fixed ? "< 1.\(index % 3).0-\(index % 4 + 1)" : "", fixedIn: fixState == .fixed ? ["1.\(index % 3).0-\(index % 4 + 1)"] : [],
            fixState: fixState, severity: [.low, .medium, .high, nil][index % 4],
            summary: index % 2 == 0 ? "\(package): buffer overflow in \"parse\" (\(index))" : nil,
            urls: ["https://security-tracker.debian.org/tracker/CVE-20\(10 + index % 14)-\(1000 + index)"], source: "debian-tracker")
    }

    /// OSV-shaped records with CVSS vectors, aliases and related ids.
    static let osvRecords: [VulnerabilityRecord] = (0..<12).map { index in
        VulnerabilityRecord(
            id: "GHSA-\(index)aaa-bbbb-cccc", namespace: "pypi", packageName: ["django", "pillow", "urllib3"][index % 3], versionFormat: "pep440",
            constraint: ">= 0, < 2.\(index)", fixedIn: ["2.\(index)"], fixState: .fixed,
            cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 9.8, source: "nvd@nist.gov")],
            aliases: ["CVE-2022-\(2000 + index)", "PYSEC-2022-\(index)"], related: index % 2 == 0 ? ["OSV-\(index)"] : [],
            summary: "Django \u{2014} SQL injection\nvia \\ crafted input", urls: ["https://github.com/advisories/GHSA-\(index)aaa-bbbb-cccc"],
            source: "osv", published: "2022-0\(index % 9 + 1)-01T00:00:00Z", modified: "2024-01-01T00:00:00Z")
    }

    static func build(at path: String, extra: [VulnerabilityRecord] = []) async throws {
        try await VulnDBBuilder.build(at: path) { builder in
            try builder.add(debianRecords + extra, to: tracker)
            try builder.add(osvRecords, to: osv)
            try builder.add(kev: [KEVEntry(cveID: "CVE-2022-2003", dateAdded: "2023-01-10", knownRansomwareUse: false),
                                  KEVEntry(cveID: "CVE-2010-1000", dateAdded: "2022-05-01", knownRansomwareUse: true)])
            try builder.add(epss: [EPSSEntry(cveID: "CVE-2022-2001", score: 0.2, percentile: 0.6, date: "2024-05-01"),
                                   EPSSEntry(cveID: "PYSEC-2022-1", score: 0.2, percentile: 0.9, date: "2024-05-01"),  // ties on score
                                   EPSSEntry(cveID: "CVE-2011-1001", score: 0.7, percentile: 0.99, date: "2024-05-01"),
                                   EPSSEntry(cveID: "GHSA-5aaa-bbbb-cccc", score: 0.01, percentile: 0.1, date: "2024-05-01")])
        }
    }

    @Test func recordsForManyNamesEqualOneLookupPerName() async throws {
        let dir = try TemporaryDirectory("vulndb-batch")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Self.build(at: path)
        let db = try VulnerabilityDatabase(path: path)
        let cases: [(String, [String])] = [
            ("debian:12", ["openssl", "glibc", "krb5", "curl", "zlib", "libssl3", "openssl"]),
            ("pypi", ["django", "pillow", "urllib3", "requests"]),
            ("debian:11", ["openssl"]),
            ("debian:12", []),
        ]
        for (namespace, names) in cases {
            let batched = try db.records(namespace: namespace, packageNames: names)
            #expect(Set(batched.keys) == Set(names))
            for name in names {
                #expect(batched[name] == (try db.records(namespace: namespace, packageName: name)), "\(namespace) \(name)")
            }
        }
        #expect(try db.records(namespace: "debian:12", packageNames: ["openssl"])["openssl"]?.count == 12)
    }

    @Test func manyNamesAtOnce() async throws {
        let dir = try TemporaryDirectory("vulndb-batch")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        let count = 1_007
        let many = (0..<count).map { index in
            VulnerabilityRecord(id: "CVE-2024-\(index)", namespace: "debian:12", packageName: "pkg-\(index)", versionFormat: "deb",
                                constraint: "< \(index)", fixedIn: ["\(index)"], fixState: .fixed, source: "debian-tracker")
        }
        try await Self.build(at: path, extra: many)
        let db = try VulnerabilityDatabase(path: path)
        let names = many.map(\.packageName) + ["openssl", "absent"]
        let batched = try db.records(namespace: "debian:12", packageNames: names)
        #expect(batched.count == names.count)
        for name in names {
            #expect(batched[name] == (try db.records(namespace: "debian:12", packageName: name)), "\(name)")
        }
    }

    @Test func batchedQueryProbesTheIndexPerName() async throws {
        let dir = try TemporaryDirectory("vulndb-batch")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Self.build(at: path)
        let db = try VulnerabilityDatabase(path: path)
        let plan = try Fixtures.queryPlan(db, VulnerabilityDatabase.batchedRecordsQuery, [#"["openssl","curl"]"#, "debian:12"])
        #expect(plan.contains("SEARCH r USING INDEX record_by_package (namespace=? AND package_name=?)"))
        #expect(!plan.contains { $0.contains("TEMP B-TREE") })
        let aliasPlan = try Fixtures.queryPlan(db, VulnerabilityDatabase.batchedAliasQuery, [#"["CVE-1"]"#, #"["CVE-1"]"#])
        #expect(aliasPlan.contains("SEARCH a USING PRIMARY KEY (id=?)"))
        #expect(aliasPlan.contains("SEARCH a USING COVERING INDEX alias_by_alias (alias=?)"))
        #expect(try Fixtures.queryPlan(db, VulnerabilityDatabase.batchedKEVQuery, [#"["CVE-1"]"#]).contains("SEARCH kev USING PRIMARY KEY (cve_id=?)"))
        #expect(try Fixtures.queryPlan(db, VulnerabilityDatabase.batchedEPSSQuery, [#"["CVE-1"]"#]).contains("SEARCH e USING PRIMARY KEY (cve_id=?)"))
    }

    @Test func enrichmentsEqualOneLookupPerGroup() async throws {
        let dir = try TemporaryDirectory("vulndb-batch")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Self.build(at: path)
        let db = try VulnerabilityDatabase(path: path)
        // What NamespaceSearch asks for each hit: the record's id followed by its aliases.
        var groups = (Self.debianRecords + Self.osvRecords).map { [$0.id] + $0.aliases }
        groups += [
            ["GHSA-1aaa-bbbb-cccc"],                     // EPSS only through its aliases, tied scores
            ["cve-2022-2003"], ["ghsa-3aaa-bbbb-cccc"],  // case-insensitive, both alias directions
            ["PYSEC-2022-1", "CVE-2022-2001"],           // two scored ids in one group
            ["CVE-1999-0001"], [], ["GHSA-5aaa-bbbb-cccc"],
        ]
        let batched = try db.enrichments(for: groups)
        #expect(batched.count == groups.count)
        for (group, enrichment) in zip(groups, batched) {
            #expect(enrichment == (try db.enrichment(for: group)), "\(group)")
        }
        #expect(batched[batched.count - 7] == Enrichment(knownExploited: false, epssScore: 0.2, epssPercentile: 0.9))
        #expect(batched[batched.count - 6].knownExploited)
        #expect(batched[batched.count - 5].knownExploited)
        #expect(try db.enrichments(for: []) == [])
        #expect(try db.enrichments(for: [[], []]) == [Enrichment(), Enrichment()])
    }
}
