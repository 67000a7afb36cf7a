import Foundation
import Model
import Testing
import TestSupport
import Versions
@testable import Feeds

@Suite("OSV documents from tarballs and folders (GHSA advisory-database)")
struct OSVFilesTransformerTests {
    /// samples/github/…/advisory-database-main.tar.gz: 13 GHSA OSV files (12 reviewed, 1 unreviewed).
    @Test func ghsaTarball() throws {
        let result = try OSVTransformer().transform(filesAt: NativeFeedFixtures.ghsaTarball, source: "ghsa")
        #expect(result.statistics.documents == 13)
        // GHSA-2fh4-45ph-7q27 (unreviewed) has no affected package; GHSA-8v8w-v8xg-79rf is GitHub Actions only.
        #expect(result.statistics.rejected == 2)
        #expect(result.statistics.transformed == 11)
        #expect(Set(result.records.map(\.source)) == ["ghsa"])
        #expect(result.diagnostics.allSatisfy { $0.feed == "ghsa" })
        #expect(result.diagnostics.contains { $0.record == "GHSA-8v8w-v8xg-79rf" && $0.message.contains("GitHub Actions") })

        // Same namespaces and name forms as osv.dev's exports.
        let namespaces = Dictionary(grouping: result.records, by: \.namespace).mapValues { $0.map(\.packageName) }
        #expect(namespaces["rubygems"] == ["carrierwave"])
        #expect(namespaces["packagist"] == ["microsoft/microsoft-graph-core"])
        #expect(namespaces["npm"] == ["vite"])
        #expect(namespaces["maven"] == ["io.github.microcks:microcks"])
        #expect(namespaces["nuget"] == ["ajaxnetprofessional"])
        #expect(namespaces["crates.io"] == ["birdcage"])
        #expect(namespaces["pypi"] == ["pydrive2"])

        // GHSA-gxhx-g4fq-49hj: carrierwave introduced 3.0.0 fixed 3.0.5, and < 2.2.5.
        let carrierwave = try #require(result.records.first { $0.id == "GHSA-gxhx-g4fq-49hj" })
        #expect(carrierwave.aliases == ["CVE-2023-49090"])
        #expect(carrierwave.versionFormat == "gem")
        #expect(carrierwave.severity == .medium)
        let constraint = try VersionConstraint(parsing: carrierwave.constraint, scheme: .gem)
        for (version, affected) in [("2.2.4", true), ("2.2.5", false), ("3.0.0", true), ("3.0.4", true), ("3.0.5", false)] {
            #expect(try constraint.satisfied(by: version) == affected, "carrierwave \(version)")
        }
        // GHSA-92r3-m2mg-pj97: vite, three ranges in three entries merge into one record.
        let vite = try #require(result.records.first { $0.id == "GHSA-92r3-m2mg-pj97" })
        #expect(vite.fixedIn == ["4.4.12", "4.5.1", "5.0.5"])
    }

    @Test func folderWithDuplicatesAndBadFiles() throws {
        let directory = try TemporaryDirectory("osv-files")
        defer { directory.remove() }
        func document(modified: String, fixed: String) -> String {
            """
            {"id": "GHSA-aaaa-bbbb-cccc", "modified": "\(modified)",
             "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"},
                           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "\(fixed)"}]}]}]}
            """
        }
        try directory.write("advisories/a/GHSA-aaaa-bbbb-cccc.json", document(modified: "2024-01-01T00:00:00Z", fixed: "1.0.0"))
        try directory.write("advisories/b/GHSA-aaaa-bbbb-cccc.json", document(modified: "2024-06-01T00:00:00.5Z", fixed: "1.3.0"))
        try directory.write("advisories/c/broken.json", "{\"id\": ")
        try directory.write(".github/workflows/x.json", "{}")
        let result = try OSVTransformer().transform(filesAt: directory.path)
        #expect(result.statistics.documents == 3)
        #expect(result.statistics.duplicates == 1)
        #expect(result.statistics.rejected == 1)
        #expect(result.records.map(\.constraint) == ["< 1.3.0"])
        #expect(result.records.first?.source == "osv")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.record.hasSuffix("advisories/c/broken.json") == true)
    }

    @Test func truncatedTarballThrows() throws {
        let directory = try TemporaryDirectory("osv-files")
        defer { directory.remove() }
        let truncated = try NativeFeedFixtures.truncatedCopy(of: NativeFeedFixtures.ghsaTarball, fraction: 0.5,
                                                            named: "ghsa.tar.gz", in: directory)
        do {
            _ = try OSVTransformer().transform(filesAt: truncated)
            Issue.record("a truncated tarball must throw")
        } catch {
            guard case .unreadableArchive(let path, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(path == truncated)
        }
    }
}
