import Foundation
import Model
import Testing
import Versions
@testable import Feeds

private func record(_ result: DebianTrackerResult, _ id: String, _ package: String, _ namespace: String) -> VulnerabilityRecord? {
    result.records.first { $0.id == id && $0.packageName == package && $0.namespace == namespace }
}

@Suite("Debian security-tracker transformer")
struct DebianTrackerTransformerTests {
    @Test func vunnelSample() throws {
        let result = try DebianTrackerTransformer().transform(fileAt: DebianFeedFixtures.vunnelTrackerJSON)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        // prototypejs 2×4, txt2man 4, backupninja 4, chromium 5, sope 4; chromium-browser has "releases": [].
        #expect(result.records.count == 25)
        #expect(!result.records.contains { $0.packageName == "chromium-browser" })
        #expect(Set(result.records.map(\.source)) == ["debian-tracker"])

        // resolved with a version, urgency "high**" (NVD-derived) → High; codenames → numbers.
        for (codename, namespace) in [("stretch", "debian:9"), ("jessie", "debian:8"), ("buster", "debian:10"), ("sid", "debian:unstable")] {
            let fixed = try #require(record(result, "CVE-2008-7220", "prototypejs", namespace), "\(codename)")
            #expect(fixed.fixState == .fixed)
            #expect(fixed.constraint == "< 1.6.0.2-1")
            #expect(fixed.fixedIn == ["1.6.0.2-1"])
            #expect(fixed.severity == .high)
            #expect(fixed.versionFormat == "deb")
        }
        // fixed_version "0" → not affected; "unimportant" → Negligible.
        let never = try #require(record(result, "CVE-2007-2383", "prototypejs", "debian:10"))
        #expect(never.fixState == .notAffected)
        #expect(never.constraint == "")
        #expect(never.fixedIn.isEmpty)
        #expect(never.severity == .negligible)
        #expect(record(result, "CVE-2013-1444", "txt2man", "debian:10")?.severity == .low)       // low**
        #expect(record(result, "CVE-2005-3111", "backupninja", "debian:9")?.severity == .medium)  // medium
        #expect(record(result, "CVE-2013-1444", "txt2man", "debian:10")?.urls
                == ["https://security-tracker.debian.org/tracker/CVE-2013-1444", "https://bugs.debian.org/724614"])

        // chromium: open + end-of-life → won't fix; "not yet assigned" → no vendor severity.
        let eol = try #require(record(result, "CVE-2022-0456", "chromium", "debian:10"))
        #expect(eol.fixState == .wontFix)
        #expect(eol.constraint == "")
        #expect(eol.severity == nil)
        #expect(record(result, "CVE-2022-0456", "chromium", "debian:9")?.fixState == .wontFix)
        let bookworm = try #require(record(result, "CVE-2022-0456", "chromium", "debian:12"))
        #expect(bookworm.constraint == "< 98.0.4758.80-1")
        #expect(bookworm.severity == nil)
        #expect(record(result, "CVE-2022-0456", "chromium", "debian:11")?.constraint == "< 98.0.4758.80-1~deb11u1")
        // trixie → 13.
        #expect(record(result, "CVE-2025-53603", "sope", "debian:13")?.fixedIn == ["5.12.1-2"])
        #expect(record(result, "CVE-2025-53603", "sope", "debian:12")?.constraint == "< 5.8.0-1+deb12u1")
    }

    @Test func vulsSample() throws {
        let result = try DebianTrackerTransformer().transform(fileAt: DebianFeedFixtures.vulsTrackerJSON)
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.count == 8)
        // open with nodsa "Minor issue", nodsa_reason "ignored" → won't fix.
        let ignored = try #require(record(result, "CVE-2016-5416", "389-ds-base", "debian:11"))
        #expect(ignored.fixState == .wontFix)
        #expect(ignored.constraint == "")
        #expect(ignored.severity == nil)
        // open without no-dsa → not fixed, every version.
        let open = try #require(record(result, "CVE-2016-5416", "389-ds-base", "debian:unstable"))
        #expect(open.fixState == .notFixed)
        #expect(open.constraint == "")
        #expect(open.fixedIn.isEmpty)
        let notAffected = try #require(record(result, "CVE-2012-0833", "389-ds-base", "debian:11"))
        #expect(notAffected.fixState == .notAffected)
        #expect(notAffected.severity == .negligible)
        #expect(record(result, "CVE-2016-5405", "389-ds-base", "debian:11")?.constraint == "< 1.3.5.15-1")
        // TEMP ids are kept as the source's identifier.
        #expect(record(result, "TEMP-0000000-0CA7E3", "wordpress", "debian:11")?.fixState == .notAffected)
        #expect(record(result, "CVE-2016-5405", "389-ds-base", "debian:11")?.summary?.hasPrefix("389 Directory Server") == true)
    }

    @Test func everyConstraintParsesAsDeb() throws {
        for path in [DebianFeedFixtures.vunnelTrackerJSON, DebianFeedFixtures.vulsTrackerJSON] {
            let result = try DebianTrackerTransformer().transform(fileAt: path)
            for record in result.records where !record.constraint.isEmpty {
                #expect(throws: Never.self) { _ = try VersionConstraint(parsing: record.constraint, scheme: .deb) }
            }
        }
    }

    @Test func statusesNotInTheSamples() throws {
        let json = """
        {"pkg": {
          "CVE-2024-0001": {"releases": {
            "bookworm": {"status": "open", "urgency": "low", "nodsa_reason": "postponed"},
            "bullseye": {"status": "undetermined", "urgency": "not yet assigned"},
            "trixie": {"status": "open", "urgency": "unimportant"},
            "sid": {"status": "open", "nodsa": "Minor issue", "nodsa_reason": "", "urgency": "medium*"},
            "hurd": {"status": "resolved", "fixed_version": "1.0-1"},
            "buster": {"status": "weird"},
            "stretch": {"status": "resolved"},
            "jessie": {"status": "resolved", "fixed_version": "not a version"}
          }},
          "CVE-2024-0002": {"releases": 7},
          "CVE-2024-0003": "not an object",
          "CVE-2024-0004": {"releases": {"bookworm": {"status": "resolved", "fixed_version": "1:2.0-1", "urgency": "high"}}}
        }}
        """
        let result = try DebianTrackerTransformer().transform(json: Data(json.utf8), file: "inline.json")
        let byNamespace = Dictionary(uniqueKeysWithValues: result.records.filter { $0.id == "CVE-2024-0001" }.map { ($0.namespace, $0) })
        #expect(byNamespace["debian:12"]?.fixState == .wontFix)   // postponed
        #expect(byNamespace["debian:12"]?.severity == .low)
        #expect(byNamespace["debian:11"]?.fixState == .unknown)   // undetermined
        #expect(byNamespace["debian:13"]?.fixState == .notFixed)  // <unfixed> unimportant
        #expect(byNamespace["debian:13"]?.severity == .negligible)
        #expect(byNamespace["debian:unstable"]?.fixState == .wontFix)  // no-dsa
        #expect(byNamespace["debian:unstable"]?.severity == .medium)
        #expect(byNamespace.count == 4)
        #expect(record(result, "CVE-2024-0004", "pkg", "debian:12")?.constraint == "< 1:2.0-1")
        let problems = result.diagnostics.map { "\($0.record) \($0.message)" }
        #expect(problems.count == 6, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("CVE-2024-0001") && $0.contains("hurd") && $0.contains("codename") })
        #expect(problems.contains { $0.contains("buster") && $0.contains("weird") })
        #expect(problems.contains { $0.contains("stretch") && $0.contains("without fixed_version") })
        #expect(problems.contains { $0.contains("jessie") && $0.contains("not a valid Debian version") })
        #expect(problems.contains { $0.hasPrefix("CVE-2024-0002") })
        #expect(problems.contains { $0.hasPrefix("CVE-2024-0003") })
        #expect(result.diagnostics.allSatisfy { $0.feed == "debian-tracker:inline.json" })
    }

    @Test func invalidJSONIsAnErrorNamingTheFile() {
        #expect {
            _ = try DebianTrackerTransformer().transform(fileAt: DebianFeedFixtures.invalidTrackerJSON)
        } throws: { error in
            guard case DebianFeedError.malformedTrackerJSON(let file, _) = error else { return false }
            return file == DebianFeedFixtures.invalidTrackerJSON
        }
        #expect(throws: DebianFeedError.self) { _ = try DebianTrackerTransformer().transform(json: Data("[1, 2]".utf8), file: "list.json") }
        #expect(throws: DebianFeedError.self) { _ = try DebianTrackerTransformer().transform(fileAt: "/nonexistent/debian.json") }
    }

    @Test func urgencyMapping() {
        #expect(DebianUrgency.severity("unimportant") == .negligible)
        #expect(DebianUrgency.severity("low**") == .low)
        #expect(DebianUrgency.severity("medium*") == .medium)
        #expect(DebianUrgency.severity("high") == .high)
        #expect(DebianUrgency.severity("not yet assigned") == nil)
        #expect(DebianUrgency.severity("end-of-life") == nil)
        #expect(DebianUrgency.severity(nil) == nil)
    }
}
