import Foundation
import Model
import Testing
import TestSupport
import Versions
@testable import Feeds

private func record(_ result: RubySecResult, _ id: String, _ gem: String) -> VulnerabilityRecord? {
    result.records.first { $0.id == id && $0.packageName == gem }
}

/// Whether `version` is in the record's constraint, read back through the gem scheme
/// (an empty constraint means every version).
private func affects(_ record: VulnerabilityRecord, _ version: String) throws -> Bool {
    if record.constraint.isEmpty { return true }
    return try VersionConstraint(parsing: record.constraint, scheme: .gem).satisfied(by: version)
}

@Suite("RubySec ruby-advisory-db transformer")
struct RubySecTransformerTests {
    /// The real database is read once for all the checks below.
    static let real = Result { try RubySecTransformer().transform(fileAt: NativeFeedFixtures.rubySec) }

    @Test func realDatabase() throws {
        let result = try Self.real.get()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        // 1,381 YAML files: 1,234 under gems/, 147 under rubies/.
        #expect(result.records.count == 1234)
        #expect(result.interpreterAdvisories == 147)
        #expect(Set(result.records.map(\.namespace)) == ["rubygems"])
        #expect(Set(result.records.map(\.versionFormat)) == ["gem"])
        #expect(Set(result.records.map(\.source)) == ["rubysec"])
        // Every constraint parses back in the gem scheme.
        for record in result.records where !record.constraint.isEmpty {
            #expect(throws: Never.self) { try VersionConstraint(parsing: record.constraint, scheme: .gem) }
        }
        // Ids are unique per gem.
        #expect(Set(result.records.map { "\($0.packageName) \($0.id)" }).count == result.records.count)
    }

    /// gems/actionpack/CVE-2020-8164.yml: unaffected "< 4.0.0"; patched "~> 5.2.4, >= 5.2.4.3"
    /// and ">= 6.0.3.1" ("Versions Affected: rails <= 6.0.3, Not affected: rails < 4.0.0").
    @Test func actionpackStrongParameters() throws {
        let result = try Self.real.get()
        let advisory = try #require(record(result, "CVE-2020-8164", "actionpack"))
        #expect(advisory.aliases == ["GHSA-8727-m6gj-mc37"])
        #expect(advisory.constraint == ">= 4.0.0, < 5.2.4.3 || >= 5.3.A, < 6.0.3.1")
        #expect(advisory.fixedIn == ["5.2.4.3", "6.0.3.1"])
        #expect(advisory.fixState == .fixed)
        #expect(advisory.summary == "Possible Strong Parameters Bypass in ActionPack")
        #expect(advisory.published == "2020-05-18")
        #expect(advisory.urls.first == "https://groups.google.com/forum/#!topic/rubyonrails-security/f6ioe4sdpbY")
        #expect(advisory.cvss == [CVSSScore(version: "3.x", vector: "", baseScore: 7.5, source: nil)])
        let expectations: [(String, Bool)] = [
            ("3.2.22.5", false), ("4.0.0", true), ("4.2.11.3", true), ("5.2.4.2", true), ("5.2.4.3", false),
            ("5.2.8.1", false), ("5.3.0.beta1", true), ("6.0.0", true), ("6.0.0.rc1", true), ("6.0.3", true),
            ("6.0.3.1.rc1", true), ("6.0.3.1", false), ("6.0.4", false), ("6.1.0", false), ("7.1.3", false),
        ]
        for (version, affected) in expectations {
            #expect(try affects(advisory, version) == affected, "actionpack \(version)")
        }
    }

    /// gems/actionpack/CVE-2016-2097.yml: unaffected ">= 4.1.0"; patched "~> 3.2.22.2", "~> 4.1.14",
    /// ">= 4.1.14.2" (the later ones are inside the unaffected range).
    @Test func actionpackRenderPathTraversal() throws {
        let result = try Self.real.get()
        let advisory = try #require(record(result, "CVE-2016-2097", "actionpack"))
        #expect(advisory.constraint == "< 3.2.22.2 || >= 3.2.23.A, < 4.1.0")
        #expect(advisory.fixedIn == ["3.2.22.2"])
        for (version, affected) in [("2.3.18", true), ("3.2.22.1", true), ("3.2.22.2", false), ("3.2.22.5", false),
                                    ("4.0.13", true), ("4.1.0", false), ("4.1.14.1", false), ("5.0.0", false)] {
            #expect(try affects(advisory, version) == affected, "actionpack \(version)")
        }
    }

    /// gems/rack/CVE-2022-30122.yml: unaffected "< 1.2"; three patched lines.
    @Test func rackMultipart() throws {
        let result = try Self.real.get()
        let advisory = try #require(record(result, "CVE-2022-30122", "rack"))
        #expect(advisory.constraint == ">= 1.2, < 2.0.9.1 || >= 2.1.A, < 2.1.4.1 || >= 2.2.A, < 2.2.3.1")
        #expect(advisory.fixedIn == ["2.0.9.1", "2.1.4.1", "2.2.3.1"])
        for (version, affected) in [("1.1.6", false), ("1.2.0", true), ("1.6.13", true), ("2.0.9", true), ("2.0.9.1", false),
                                    ("2.1.0", true), ("2.1.4.1", false), ("2.2.3", true), ("2.2.3.1", false), ("2.2.4", false),
                                    ("3.0.0", false)] {
            #expect(try affects(advisory, version) == affected, "rack \(version)")
        }
    }

    @Test func identifiers() throws {
        let result = try Self.real.get()
        // No CVE: the GHSA is the id.
        let ghsa = try #require(record(result, "GHSA-vp9c-fpxx-744v", "personnummer"))
        #expect(ghsa.aliases.isEmpty)
        #expect(ghsa.constraint == "< 1.3.1")
        // Neither: the file's id (osvdb: 101157 → OSVDB-101157).
        #expect(record(result, "OSVDB-101157", "json")?.constraint == "< 1.1.0")
        // CVE with osvdb and ghsa.
        let capStrap = try #require(record(result, "CVE-2014-4992", "cap-strap"))
        #expect(capStrap.aliases == ["GHSA-pcm6-g2qp-9gw8", "OSVDB-108574"])
        // No patched_versions: every version, not fixed.
        let unfixed = try #require(record(result, "CVE-2011-10026", "rd_searchlogic"))
        #expect(unfixed.constraint == "")
        #expect(unfixed.fixState == .notFixed)
        #expect(unfixed.fixedIn.isEmpty)
        // Lists that cover every version: bundler-audit reports nothing → not affected.
        for (id, gem) in [("CVE-2021-32808", "ckeditor"), ("CVE-2019-15224", "cron_parser")] {
            let covered = try #require(record(result, id, gem))
            #expect(covered.fixState == .notAffected)
            #expect(covered.constraint == "")
            #expect(covered.fixedIn.isEmpty)
        }
        #expect(result.records.filter { $0.fixState == .notAffected }.count == 2)
        // No interpreter advisory became a gem record.
        #expect(!result.records.contains { ["ruby", "jruby", "mruby"].contains($0.packageName) && $0.id == "CVE-2021-31810" })
    }

    @Test func badAdvisoriesAreDiagnostics() throws {
        let directory = try TemporaryDirectory("rubysec")
        defer { directory.remove() }
        let good = """
        gem: goodgem
        cve: 2099-0001
        date: 2099-01-02
        title: Good
        patched_versions:
          - ">= 1.10"
        """
        let path = try NativeFeedFixtures.tarGz([
            ("ruby-advisory-db/README.md", "# not an advisory"),
            ("ruby-advisory-db/gems/goodgem/CVE-2099-0001.yml", good),
            ("ruby-advisory-db/gems/brokengem/CVE-2099-0002.yml", "gem: brokengem\npatched_versions: [\">= 1.0\"\n"),
            ("ruby-advisory-db/gems/badreq/CVE-2099-0003.yml", "gem: badreq\npatched_versions:\n  - \"~> one\"\n"),
            ("ruby-advisory-db/gems/shape/CVE-2099-0004.yml", "gem: shape\npatched_versions:\n  - [nested]\n"),
            ("ruby-advisory-db/gems/notmap/CVE-2099-0005.yml", "- just\n- a list\n"),
            ("ruby-advisory-db/rubies/ruby/CVE-2099-0006.yml", "engine: ruby\npatched_versions: ['>= 3.0']\n"),
            ("ruby-advisory-db/.github/workflows/gems/x/y.yml", "not: scanned\n"),
        ], named: "rubysec.tar.gz", in: directory)
        let result = try RubySecTransformer().transform(fileAt: path)
        #expect(result.records.map(\.id) == ["CVE-2099-0001"])
        // Unquoted-looking versions stay text: "1.10" is not the float 1.1.
        #expect(result.records.first?.constraint == "< 1.10")
        #expect(result.records.first?.published == "2099-01-02")
        #expect(result.interpreterAdvisories == 1)
        let byFile = Dictionary(grouping: result.diagnostics, by: \.record)
        #expect(Set(byFile.keys) == [
            "ruby-advisory-db/gems/brokengem/CVE-2099-0002.yml", "ruby-advisory-db/gems/badreq/CVE-2099-0003.yml",
            "ruby-advisory-db/gems/shape/CVE-2099-0004.yml", "ruby-advisory-db/gems/notmap/CVE-2099-0005.yml",
        ], "\(result.diagnostics)")
        #expect(result.diagnostics.allSatisfy { $0.feed == "rubysec:rubysec.tar.gz" && $0.message.hasSuffix("advisory skipped") })
        #expect(byFile["ruby-advisory-db/gems/brokengem/CVE-2099-0002.yml"]?.first?.message.contains("invalid YAML") == true)
        #expect(byFile["ruby-advisory-db/gems/badreq/CVE-2099-0003.yml"]?.first?.message.contains("~> one") == true)
    }

    @Test func checkoutDirectory() throws {
        let directory = try TemporaryDirectory("rubysec-checkout")
        defer { directory.remove() }
        try directory.write("gems/rack/CVE-2099-1.yml", "gem: rack\ncve: 2099-1\nunaffected_versions: ['< 2.0']\n")
        let result = try RubySecTransformer().transform(fileAt: directory.path)
        #expect(result.records.map(\.constraint) == [">= 2.0"])
        #expect(result.records.first?.fixState == .notFixed)
        #expect(result.diagnostics.map(\.record) == [])
    }

    @Test func unreadableArchivesThrow() throws {
        let directory = try TemporaryDirectory("rubysec")
        defer { directory.remove() }
        let truncated = try NativeFeedFixtures.truncatedCopy(of: NativeFeedFixtures.rubySec, fraction: 0.6,
                                                            named: "rubysec.tar.gz", in: directory)
        do {
            _ = try RubySecTransformer().transform(fileAt: truncated)
            Issue.record("a truncated tarball must throw")
        } catch {
            guard case .unreadable(let file, let member, let reason) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == truncated)
            #expect(member?.hasPrefix("ruby-advisory-db/") == true)
            #expect(reason.contains("truncated"), "\(reason)")
        }
        #expect(throws: FeedFileError.self) { try RubySecTransformer().transform(fileAt: directory.path + "/missing.tar.gz") }
        let empty = try NativeFeedFixtures.tarGz([("x/README.md", "nothing")], named: "empty.tar.gz", in: directory)
        #expect(throws: FeedFileError.malformed(file: empty, reason: "no gems/<gem>/<id>.yml advisory files")) {
            try RubySecTransformer().transform(fileAt: empty)
        }
    }
}
