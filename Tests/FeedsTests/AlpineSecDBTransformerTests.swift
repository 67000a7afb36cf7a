import Foundation
import Model
import Testing
import TestSupport
import Versions
@testable import Feeds

private func record(_ result: AlpineSecDBResult, _ id: String, _ package: String) -> VulnerabilityRecord? {
    result.records.first { $0.id == id && $0.packageName == package }
}

/// Whether `version` is in the record's constraint, read back through the apk scheme.
private func affects(_ record: VulnerabilityRecord, _ version: String) throws -> Bool {
    try VersionConstraint(parsing: record.constraint, scheme: .apk).satisfied(by: version)
}

@Suite("Alpine secdb transformer")
struct AlpineSecDBTransformerTests {
    @Test func v319Main() throws {
        let result = try AlpineSecDBTransformer().transform(fileAt: NativeFeedFixtures.alpine("v3.19", "main"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.namespace == "alpine:3.19")
        // Counted independently from the JSON: 257 packages, 2,573 (package, id) pairs, of which
        // 45 appear only under "0".
        #expect(result.records.count == 2573)
        #expect(result.records.filter { $0.fixState == .notAffected }.count == 45)
        #expect(Set(result.records.map(\.namespace)) == ["alpine:3.19"])
        #expect(Set(result.records.map(\.source)) == ["alpine-secdb"])
        #expect(Set(result.records.map(\.versionFormat)) == ["apk"])

        // openssl: "3.1.4-r5": ["CVE-2024-0727"].
        let cve = try #require(record(result, "CVE-2024-0727", "openssl"))
        #expect(cve.fixState == .fixed)
        #expect(cve.constraint == "< 3.1.4-r5")
        #expect(cve.fixedIn == ["3.1.4-r5"])
        #expect(try affects(cve, "3.1.4-r4"))
        #expect(try affects(cve, "3.1.0-r0"))
        #expect(try !affects(cve, "3.1.4-r5"))
        #expect(try !affects(cve, "3.1.7-r1"))
        // "3.1.6-r0": ["CVE-2024-5535", "CVE-2024-4741"]: one record each.
        #expect(record(result, "CVE-2024-5535", "openssl")?.constraint == "< 3.1.6-r0")
        #expect(record(result, "CVE-2024-4741", "openssl")?.constraint == "< 3.1.6-r0")
        // "0": [… "CVE-2023-4807"]: never affected (the flaw is in Windows-only code).
        let never = try #require(record(result, "CVE-2023-4807", "openssl"))
        #expect(never.fixState == .notAffected)
        #expect(never.constraint == "")
        #expect(never.fixedIn.isEmpty)
        #expect(record(result, "CVE-2023-45853", "zlib")?.fixState == .notAffected)

        // xen "4.12.1-r0": ["CVE-2019-17349 CVE-2019-17350 XSA-295"]: two CVEs, the XSA an alias of both.
        for id in ["CVE-2019-17349", "CVE-2019-17350"] {
            let xen = try #require(record(result, id, "xen"))
            #expect(xen.aliases == ["XSA-295"])
            #expect(xen.constraint == "< 4.12.1-r0")
        }
        #expect(record(result, "XSA-295", "xen") == nil)
        #expect(record(result, "CVE-2022-45059", "varnish")?.aliases == ["VSV00010"])
    }

    @Test func edgeAndCommunity() throws {
        let edge = try AlpineSecDBTransformer().transform(fileAt: NativeFeedFixtures.alpine("edge", "main"))
        #expect(edge.namespace == "alpine:edge")
        #expect(edge.records.count == 2529)
        #expect(edge.records.allSatisfy { $0.namespace == "alpine:edge" })
        let community = try AlpineSecDBTransformer().transform(fileAt: NativeFeedFixtures.alpine("v3.19", "community"))
        // 5,154 (package, id) pairs, less quickjs "2021-03-27-r5" (not an apk version).
        #expect(community.records.count == 5153)
        #expect(community.diagnostics.map(\.record) == ["quickjs"])
        #expect(community.diagnostics.first?.message.hasPrefix("fixed version: invalid apk version \"2021-03-27-r5\"") == true)
        #expect(community.records.filter { $0.fixState == .notAffected }.count == 16)
    }

    /// Every release file reads; the only diagnostics are the few versions apk-tools rejects.
    @Test func everyRelease() throws {
        let folder = NativeFeedFixtures.root + "/alpine/secdb"
        let releases = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        var files = 0
        var records = 0
        var diagnostics: [FeedDiagnostic] = []
        for release in releases {
            for repository in ["main", "community"] {
                let path = NativeFeedFixtures.alpine(release, repository)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let result = try AlpineSecDBTransformer().transform(fileAt: path)
                #expect(result.namespace == (release == "edge" ? "alpine:edge" : "alpine:" + release.dropFirst()))
                files += 1
                records += result.records.count
                diagnostics += result.diagnostics
            }
        }
        #expect(files == 41)
                #expect(records == 84_988)
        // 13 (file, package, version) triples apk-tools would reject: `10.0.11-0`, `2021-03-27-r5`,
        // `4.10-1-r1`, `57-1-r2`, `1.11-20-r0`.
        #expect(diagnostics.count == 13)
        #expect(diagnostics.allSatisfy { $0.message.hasPrefix("fixed version: invalid apk version") }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.feed == "alpine-secdb:v3.11/main.json" && $0.record == "xen" && $0.message.contains("\"4.10-1-r1\"") })
    }

    @Test func badRecordsAreDiagnostics() throws {
        let directory = try TemporaryDirectory("alpine-secdb")
        defer { directory.remove() }
        let json = """
        {"distroversion": "v3.20", "reponame": "main", "packages": [
          {"pkg": {"name": "good", "secfixes": {"1.2.3-r1": ["CVE-2024-0001 XSA-1 (note here)"], "0": ["CVE-2024-0002"]}}},
          {"pkg": {"name": "badversion", "secfixes": {"1.2.3-r1-x": ["CVE-2024-0003"], "2.0-r0": ["CVE-2024-0004"]}}},
          {"pkg": {"name": "noid", "secfixes": {"1.0-r0": ["CVE-????-????? N/A", "CVE-2024-0005"]}}},
          {"pkg": {"name": "shape", "secfixes": ["CVE-2024-0006"]}},
          {"pkg": {"secfixes": {}}},
          {"pkg": {"name": "empty"}}
        ]}
        """
        let path = try directory.write("v3.20/main.json", json)
        let result = try AlpineSecDBTransformer().transform(fileAt: path)
        #expect(result.namespace == "alpine:3.20")
        #expect(result.records.map { "\($0.packageName) \($0.id) \($0.fixState.rawValue) \($0.constraint)" } == [
            "badversion CVE-2024-0004 fixed < 2.0-r0",
            "good CVE-2024-0001 fixed < 1.2.3-r1",
            "good CVE-2024-0002 not-affected ",
            "noid CVE-2024-0005 fixed < 1.0-r0",
        ])
        #expect(record(result, "CVE-2024-0001", "good")?.aliases == ["XSA-1"])
        #expect(record(result, "CVE-2024-0001", "good")?.summary == "note here")
        let messages = result.diagnostics.map { "\($0.feed) \($0.record): \($0.message)" }
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("alpine-secdb:v3.20/main.json badversion: fixed version: invalid apk version \"1.2.3-r1-x\"") })
        #expect(messages.contains { $0.hasPrefix("alpine-secdb:v3.20/main.json noid: id string \"CVE-????-????? N/A\"") })
        #expect(messages.contains { $0.hasPrefix("alpine-secdb:v3.20/main.json shape: not {pkg:") })
        #expect(messages.contains { $0.hasPrefix("alpine-secdb:v3.20/main.json packages[4]: package without a name") })
    }

    @Test func unusableFilesThrow() throws {
        let directory = try TemporaryDirectory("alpine-secdb")
        defer { directory.remove() }
        let missing = directory.path + "/v3.19/none.json"
        #expect(throws: FeedFileError.self) { try AlpineSecDBTransformer().transform(fileAt: missing) }
        let truncated = try NativeFeedFixtures.truncatedCopy(of: NativeFeedFixtures.alpine("v3.19", "main"), fraction: 0.5,
                                                            named: "main.json", in: directory)
        do {
            _ = try AlpineSecDBTransformer().transform(fileAt: truncated)
            Issue.record("a truncated secdb file must throw")
        } catch {
            guard case .malformed(let file, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == truncated)
        }
        let odd = try directory.write("odd.json", #"{"distroversion": "3.x", "packages": []}"#)
        #expect(throws: FeedFileError.self) { try AlpineSecDBTransformer().transform(fileAt: odd) }
    }

    @Test(arguments: [
        ("CVE-2024-0727", ["CVE-2024-0727"], [String](), nil as String?),
        ("CVE-2017-2887 TALOS-2017-0394", ["CVE-2017-2887"], ["TALOS-2017-0394"], nil),
        ("CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI", ["CVE-2017-5753", "CVE-2017-5715", "CVE-2017-5754"], ["XSA-254"], nil),
        ("CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)", ["CVE-2018-10103"], [], "SMB - partially fixed, but SMB printing disabled"),
        ("CVE-????-????? XSA-312", ["XSA-312"], [], nil),
        ("CVE N/A ZBX-11023", ["ZBX-11023"], [], nil),
        ("CVE_2019-2426", ["CVE-2019-2426"], [], nil),
        ("GHSA-xxxx-2h4j-q9v3", ["GHSA-xxxx-2h4j-q9v3"], [], nil),
        ("wnpa-sec-2019-01", ["wnpa-sec-2019-01"], [], nil),
    ])
    func secfixIDs(text: String, ids: [String], aliases: [String], note: String?) throws {
        let parsed = try #require(AlpineSecfixID(text))
        #expect(parsed.ids == ids)
        #expect(parsed.aliases == aliases)
        #expect(parsed.note == note)
    }

    @Test func idStringsWithoutIDs() {
        #expect(AlpineSecfixID("CVE-????-?????") == nil)
        #expect(AlpineSecfixID("N/A") == nil)
        #expect(AlpineSecfixID("") == nil)
    }
}
