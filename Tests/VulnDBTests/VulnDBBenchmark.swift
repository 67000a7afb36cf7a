import Foundation
import Model
import Testing
import TestSupport
@testable import VulnDB

/// Insert and lookup timings; runs only with `VULNDB_BENCH=1` (numbers go to stdout).
@Suite struct VulnDBBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["VULNDB_BENCH"] == "1"))
    func insert100kAndLookup10k() async throws {
        let dir = try TemporaryDirectory("vulndb-bench")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        let packages = 10_000
        let records = (0..<100_000).map { index in
            VulnerabilityRecord(
                id: "CVE-2024-\(index)", namespace: index % 2 == 0 ? "debian:12" : "pypi", packageName: "pkg-\(index % packages)",
                versionFormat: index % 2 == 0 ? "deb" : "pep440", constraint: ">= 1.0, < 1.\(index % 50)",
                fixedIn: ["1.\(index % 50)"], fixState: .fixed, severity: .high,
                cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 9.8, source: "nvd@nist.gov")],
                aliases: ["GHSA-\(index)"], summary: "A vulnerability in package \(index % packages)",
                urls: ["https://example.org/\(index)"], source: "osv", published: "2024-01-01T00:00:00Z")
        }
        let clock = ContinuousClock()
        let insert = try await clock.measure {
            try await VulnDBBuilder.build(at: path) { builder in
                for start in stride(from: 0, to: records.count, by: 10_000) {
                    try builder.add(records[start..<(start + 10_000)], to: .vulnerabilities("bench"))
                }
            }
        }
        let db = try VulnerabilityDatabase(path: path)
        var found = 0
        let lookups = try clock.measure {
            for index in 0..<10_000 {
                found += try db.records(namespace: index % 2 == 0 ? "debian:12" : "pypi", packageName: "pkg-\(index % packages)").count
            }
        }
        // The same 10k lookups as one batch per namespace, as a match run makes them.
        var batchedFound = 0
        let batched = try clock.measure {
            for namespace in ["debian:12", "pypi"] {
                let names = (0..<packages).filter { ($0 % 2 == 0) == (namespace == "debian:12") }.map { "pkg-\($0)" }
                batchedFound += try db.records(namespace: namespace, packageNames: names).values.reduce(0) { $0 + $1.count }
            }
        }
        let groups = records.prefix(10_000).map { [$0.id] + $0.aliases }
        let enrichments = try clock.measure { _ = try db.enrichments(for: groups) }
        print("VULNDB-BENCH 10k lookups batched per namespace: \(batched) (\(batchedFound) records); 10k enrichments batched: \(enrichments)")
        let cvssText = String(decoding: try JSONEncoder().encode(records[0].cvss), as: UTF8.self)
        let decoder = JSONDecoder()
        let cvssDecode = try clock.measure {
            for _ in 0..<100_000 { _ = try decoder.decode([CVSSScore].self, from: Data(cvssText.utf8)) }
        }
        let cvssFast = clock.measure {
            for _ in 0..<100_000 { _ = VulnerabilityDatabase.simpleCVSS(cvssText) }
        }
        print("VULNDB-BENCH 100k CVSS JSON decodes alone: \(cvssDecode); with the column's fast path: \(cvssFast)")
        print("VULNDB-BENCH insert 100k records: \(insert); 10k lookups: \(lookups) (\(found) records); file \(VulnDBFiles.size(of: path)) bytes")
        #expect(found == 100_000)
        #expect(batchedFound == 100_000)
    }
}
