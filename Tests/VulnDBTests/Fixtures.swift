import Foundation
import GRDB
import Model
import TestSupport
@testable import VulnDB

/// Records and databases shared by the VulnDB tests.
enum Fixtures {
    static let debian = FeedGroup.vulnerabilities("debian:12")
    static let python = FeedGroup.vulnerabilities("github:python")
    static let syncDate = Date(timeIntervalSince1970: 1_714_557_600) // 2024-05-01T10:00:00Z

    /// A record with every field set, including characters JSON must escape.
    static let fullRecord = VulnerabilityRecord(
        id: "GHSA-j8r2-6x86-q33q", namespace: "pypi", packageName: "requests", versionFormat: "pep440",
        constraint: ">= 2.1, < 2.20.0", fixedIn: ["2.20.0"], fixState: .fixed, severity: .medium,
        cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N", baseScore: 5.9, source: "nvd@nist.gov"),
               CVSSScore(version: "4.0", vector: "CVSS:4.0/AV:N/AC:L", baseScore: nil, source: nil)],
        aliases: ["CVE-2018-18074", "PYSEC-2018-28"], related: ["SNYK-PYTHON-REQUESTS-72435"],
        summary: "Requests sends \"Authorization\" headers\non redirect \\ to http:// — é\u{1}",
        urls: ["https://github.com/psf/requests/pull/4718", "https://nvd.nist.gov/vuln/detail/CVE-2018-18074"],
        source: "osv", published: "2018-10-29T19:06:42Z", modified: "2024-02-16T08:21:12Z")

    /// A record with only the required fields.
    static let minimalRecord = VulnerabilityRecord(
        id: "CVE-2023-0286", namespace: "debian:12", packageName: "openssl", versionFormat: "deb",
        constraint: "", fixState: .notFixed, source: "debian-tracker")

    static func debianRecords(_ count: Int, package: String = "openssl") -> [VulnerabilityRecord] {
        (0..<count).map { index in
            VulnerabilityRecord(id: "CVE-2024-\(10000 + index)", namespace: "debian:12", packageName: package, versionFormat: "deb",
                                constraint: "< 3.0.\(index)-1", fixedIn: ["3.0.\(index)-1"], fixState: .fixed, severity: .high,
                                source: "debian-tracker")
        }
    }

    /// `record` as the DB returns it: with the date its fix was first observed.
    static func stored(_ record: VulnerabilityRecord, fixObserved: String?) -> VulnerabilityRecord {
        var record = record
        record.fixObservedAt = fixObserved
        return record
    }

    /// `fullRecord` from a first sync: its fix dates from its publication.
    static var storedFullRecord: VulnerabilityRecord { stored(fullRecord, fixObserved: fullRecord.published) }

    /// `debianRecords` as a sync at `observed` stored them (they have no publication date).
    static func storedDebianRecords(_ count: Int, package: String = "openssl", observed: String = "2024-05-01T10:00:00Z") -> [VulnerabilityRecord] {
        debianRecords(count, package: package).map { stored($0, fixObserved: observed) }
    }

    /// Builds a DB at `path` with a Debian group, a Python group, KEV and EPSS.
    @discardableResult
    static func buildSample(at path: String, debianCount: Int = 3) async throws -> VulnDBBuildReport {
        try await VulnDBBuilder.build(at: path) { builder in
            try builder.add(debianRecords(debianCount) + [minimalRecord], to: debian)
            try builder.markSynced(debian, GroupSync(lastSync: syncDate, checksum: "sha256:debian"))
            try builder.add([fullRecord], to: python)
            try builder.markSynced(python, GroupSync(lastSync: syncDate, checksum: "sha256:python"))
            try builder.add(kev: [KEVEntry(cveID: "CVE-2018-18074", dateAdded: "2022-03-25", knownRansomwareUse: true)])
            try builder.add(epss: [EPSSEntry(cveID: "CVE-2018-18074", score: 0.0123, percentile: 0.85, date: "2024-05-01"),
                                   EPSSEntry(cveID: "CVE-2023-0286", score: 0.5, percentile: 0.97, date: "2024-05-01")])
        }
    }

    static func bytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }
}

extension Fixtures {
    /// Runs SQL outside any transaction on `path` (sync, so GRDB's async overloads aren't picked in async tests).
    static func execute(_ sql: String, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
    }

    static func queryPlan(_ db: VulnerabilityDatabase, _ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try db.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }
}
