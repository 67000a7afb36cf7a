import Foundation
import Model
import Testing
import TestSupport
import Versions
@testable import Feeds

private func record(_ result: FriendsOfPHPResult, _ id: String, _ package: String) -> VulnerabilityRecord? {
    result.records.first { $0.id == id && $0.packageName == package }
}

private func affects(_ record: VulnerabilityRecord, _ version: String) throws -> Bool {
    try VersionConstraint(parsing: record.constraint, scheme: .composer).satisfied(by: version)
}

@Suite("FriendsOfPHP security-advisories transformer")
struct FriendsOfPHPTransformerTests {
    static let real = Result { try FriendsOfPHPTransformer().transform(fileAt: NativeFeedFixtures.friendsOfPHP) }

    @Test func realDatabase() throws {
        let result = try Self.real.get()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(10))")
        #expect(result.records.count == 1592)
        #expect(Set(result.records.map(\.namespace)) == ["packagist"])
        #expect(Set(result.records.map(\.versionFormat)) == ["composer"])
        #expect(Set(result.records.map(\.source)) == ["friendsofphp"])
        #expect(result.records.allSatisfy { $0.packageName == $0.packageName.lowercased() })
        // 1,160 files carry a CVE; the other 432 (`cve: ~`) get their path as id.
        #expect(result.records.filter { $0.id.hasPrefix("CVE-") }.count == 1160)
        #expect(result.records.filter { $0.id.hasPrefix("FriendsOfPHP/") }.count == 432)
        for record in result.records {
            #expect(throws: Never.self) { try VersionConstraint(parsing: record.constraint, scheme: .composer) }
        }
    }

    /// symfony/symfony/CVE-2019-10909.yaml: ten branches, five with a fix (2.7.51, 2.8.50, 3.4.26,
    /// 4.1.12, 4.2.7) and five closed by the next branch's start (3.0.x–3.3.x, 4.0.x).
    @Test func symfonyValidationMessages() throws {
        let result = try Self.real.get()
        let advisory = try #require(record(result, "CVE-2019-10909", "symfony/symfony"))
        #expect(advisory.summary == "CVE-2019-10909: Escape validation messages in the PHP templating engine")
        #expect(advisory.urls == ["https://symfony.com/cve-2019-10909"])
        #expect(advisory.aliases == ["FriendsOfPHP/symfony/symfony/CVE-2019-10909"])
        #expect(advisory.fixedIn == ["2.7.51", "2.8.50", "3.4.26", "4.1.12", "4.2.7"])
        #expect(advisory.fixState == .fixed)
        #expect(advisory.constraint.hasPrefix(">= 2.7.0-dev, < 2.7.51-dev || >= 2.8.0-dev, < 2.8.50-dev || "))
        let expectations: [(String, Bool)] = [
            ("2.6.13", false), ("2.7.0", true), ("v2.7.50", true), ("2.7.51", false), ("2.8.49", true), ("2.8.50", false),
            ("3.0.9", true), ("3.3.18", true), ("3.4.25", true), ("3.4.26", false), ("4.0.15", true), ("4.1.11", true),
            ("4.1.12", false), ("4.2.6", true), ("4.2.7", false), ("4.3.0", false), ("5.0.0", false),
            // Composer reads "<2.7.51" as "< 2.7.51.0-dev" and ">=2.7.0" as ">= 2.7.0.0-dev".
            ("2.7.51-beta1", false), ("2.7.0-RC1", true), ("2.7.0-dev", true), ("4.2.7-RC1", false),
        ]
        for (version, affected) in expectations {
            #expect(try affects(advisory, version) == affected, "symfony/symfony \(version)")
        }
    }

    /// magento/product-community-edition: `<2.3.2-p2` keeps its patch suffix (no `-dev` added).
    @Test func magentoPatchVersions() throws {
        let result = try Self.real.get()
        let advisory = try #require(record(result, "CVE-2019-8122", "magento/product-community-edition"))
        #expect(advisory.constraint == ">= 2.2-dev, < 2.2.10-dev || >= 2.3-dev, < 2.3.2-p2")
        #expect(advisory.fixedIn == ["2.2.10", "2.3.2-p2"])
        for (version, affected) in [("2.1.18", false), ("2.2.9", true), ("2.2.10", false), ("2.3.0", true),
                                    ("2.3.2", true), ("2.3.2-p1", true), ("2.3.2-p2", false), ("2.3.3", false)] {
            #expect(try affects(advisory, version) == affected, "magento \(version)")
        }
    }

    @Test func idsAndUnfixedBranches() throws {
        let result = try Self.real.get()
        // cakephp/cakephp/2015-05-07.yaml: `cve: ~`.
        let cake = try #require(record(result, "FriendsOfPHP/cakephp/cakephp/2015-05-07", "cakephp/cakephp"))
        #expect(cake.aliases.isEmpty)
        #expect(cake.constraint == ">= 3.0.0-dev, < 3.0.4-dev")
        #expect(cake.fixedIn == ["3.0.4"])
        // amphp/http/CVE-2024-2653.yaml: only `<=` bounds, no fix.
        let amp = try #require(record(result, "CVE-2024-2653", "amphp/http"))
        #expect(amp.constraint == ">= 2.0.0-dev, <= 2.1.0 || <= 1.7.2")
        #expect(amp.fixState == .notFixed)
        #expect(amp.fixedIn.isEmpty)
        #expect(try affects(amp, "2.1.0"))
        #expect(try affects(amp, "1.7.2"))
        #expect(try !affects(amp, "2.1.1"))
        #expect(try !affects(amp, "1.7.3"))
    }

    @Test func badAdvisoriesAreDiagnostics() throws {
        let directory = try TemporaryDirectory("friendsofphp")
        defer { directory.remove() }
        let good = """
        title: Good
        link: https://example.com/a
        cve: CVE-2099-0001
        branches:
            1.x:
                time: 2099-01-01 00:00:00
                versions: ['>=1.0', '<1.10']
            2.x:
                time: ~
                versions: ['>=2.0', 'not a version']
            3.x:
                versions: '>=3.0'
            4.x: ~
        reference: composer://Vendor/Good
        """
        let path = try NativeFeedFixtures.tarGz([
            ("security-advisories/vendor/good/CVE-2099-0001.yaml", good),
            ("security-advisories/vendor/broken/2099-01-01.yaml", "title: [oops\n"),
            ("security-advisories/vendor/nobranches/2099-01-02.yaml", "title: x\nreference: composer://vendor/nobranches\n"),
            ("security-advisories/vendor/allbad/2099-01-03.yaml", "title: x\nbranches:\n  1.x:\n    versions: ['>= x.y']\n"),
            ("security-advisories/.github/workflows/ci.yaml", "on: push\n"),
            ("security-advisories/README.md", "readme"),
        ], named: "fop.tar.gz", in: directory)
        let result = try FriendsOfPHPTransformer().transform(fileAt: path)
        #expect(result.records.count == 1)
        let good1 = try #require(result.records.first)
        #expect(good1.packageName == "vendor/good")
        // The 3.x branch's single string reads as a one-term list; "1.10" stays "1.10".
        #expect(good1.constraint == ">= 1.0-dev, < 1.10-dev || >= 3.0-dev")
        #expect(good1.fixedIn == ["1.10"])
        let messages = result.diagnostics.map { "\($0.record): \($0.message)" }
        #expect(result.diagnostics.allSatisfy { $0.feed == "friendsofphp:fop.tar.gz" })
        #expect(messages.contains { $0.hasPrefix("security-advisories/vendor/good/CVE-2099-0001.yaml: branch 2.x: \"not a version\"") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("security-advisories/vendor/good/CVE-2099-0001.yaml: branch 4.x: versions is missing") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("security-advisories/vendor/broken/2099-01-01.yaml: invalid YAML") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("security-advisories/vendor/nobranches/2099-01-02.yaml: no branches") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("security-advisories/vendor/allbad/2099-01-03.yaml: branch 1.x") }, "\(messages)")
        #expect(messages.contains { $0 == "security-advisories/vendor/allbad/2099-01-03.yaml: no usable branch; advisory skipped" }, "\(messages)")
        #expect(messages.count == 6, "\(messages)")
    }

    @Test func truncatedArchiveThrows() throws {
        let directory = try TemporaryDirectory("friendsofphp")
        defer { directory.remove() }
        let truncated = try NativeFeedFixtures.truncatedCopy(of: NativeFeedFixtures.friendsOfPHP, fraction: 0.5,
                                                            named: "fop.tar.gz", in: directory)
        do {
            _ = try FriendsOfPHPTransformer().transform(fileAt: truncated)
            Issue.record("a truncated tarball must throw")
        } catch {
            guard case .unreadable(let file, _, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == truncated)
        }
        let notAnArchive = try directory.write("plain.tar.gz", "title: not a tarball\n")
        #expect(throws: FeedFileError.self) { try FriendsOfPHPTransformer().transform(fileAt: notAnArchive) }
    }
}
