import Foundation
import Model
import TestSupport
import Testing
import Versions
@testable import Feeds

/// The RHEL 9 RHSA and Rocky 9 RLSA OVAL, each parsed once for every test that reads it.
private let rhel9 = Result { try RedHatOVALTransformer(vendor: .redHat).transform(fileAt: OVALFeedFixtures.rhel9) }
private let rocky9 = Result { try RedHatOVALTransformer(vendor: .rocky).transform(fileAt: OVALFeedFixtures.rocky9) }

private func records(_ result: RedHatOVALResult, _ id: String, _ package: String) -> [VulnerabilityRecord] {
    result.records.filter { $0.id == id && $0.packageName == package }
}

private func rpm(_ n: Int, _ name: String, _ state: String?) -> OVALFeedFixtures.PackageTest {
    .init(n: n, kind: "rpminfo", names: [name], state: state)
}

@Suite("Red Hat and Rocky OVAL transformer")
struct RedHatOVALTransformerTests {
    @Test func rhel9Counts() throws {
        let result = try rhel9.get()
        #expect(result.definitionCount == 222)  // 221 RHSA, 1 RHBA
        #expect(result.records.count == 7_178)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
        #expect(result.namespaces == ["rhel:9"])
        #expect(Set(result.records.map(\.versionFormat)) == ["rpm"])
        #expect(Set(result.records.map(\.source)) == ["redhat-oval"])
        #expect(result.records.allSatisfy { $0.fixState == .fixed && $0.fixedIn.count == 1 && $0.constraint == "< \($0.fixedIn[0])" })
        #expect(result.records.allSatisfy { $0.id.hasPrefix("CVE-") && $0.related.allSatisfy { $0.hasPrefix("RHSA-") || $0.hasPrefix("RHBA-") } })
        #expect(!result.records.contains { $0.constraint.hasPrefix("< 0:") })
    }

    @Test func rocky9Counts() throws {
        let result = try rocky9.get()
        #expect(result.definitionCount == 175)
        #expect(result.records.count == 7_884)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
        #expect(result.namespaces == ["rocky:9"])
        #expect(Set(result.records.map(\.source)) == ["rocky-oval"])
        #expect(result.records.allSatisfy { $0.id.hasPrefix("CVE-") && $0.related.allSatisfy { $0.hasPrefix("RLSA-") } })
    }

    @Test func everyConstraintParsesAsRPM() throws {
        for result in [try rhel9.get(), try rocky9.get()] {
            var failures: [String] = []
            for record in result.records {
                do { _ = try VersionConstraint(parsing: record.constraint, scheme: .rpm) } catch { failures.append("\(record.id) \(record.constraint)") }
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
        }
    }

    /// RHSA-2022:4582 (gzip, 2022-05-17) by hand from the XML: CVE-2022-1271, impact important,
    /// cvss3 `8.8/CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H`, "gzip is earlier than 0:1.10-9.el9_0".
    @Test func rhsa20224582Gzip() throws {
        let found = records(try rhel9.get(), "CVE-2022-1271", "gzip")
        #expect(found.count == 1)
        let record = try #require(found.first)
        #expect(record.namespace == "rhel:9")
        #expect(record.constraint == "< 1.10-9.el9_0")
        #expect(record.fixedIn == ["1.10-9.el9_0"])
        #expect(record.related == ["RHSA-2022:4582"])
        #expect(record.aliases.isEmpty)
        #expect(record.severity == .high)
        #expect(record.cvss == [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", baseScore: 8.8, source: "secalert@redhat.com")])
        #expect(record.summary == "gzip: arbitrary-file-write vulnerability (CVE-2022-1271)")
        #expect(record.urls == ["https://access.redhat.com/security/cve/CVE-2022-1271", "https://access.redhat.com/errata/RHSA-2022:4582"])
        #expect(record.published == "2022-05-17")
        // Only the "earlier than" test makes a record: not the signature-key test of the same object.
        #expect(try rhel9.get().records.filter { $0.related == ["RHSA-2022:4582"] }.map(\.packageName) == ["gzip"])
    }

    @Test func epochsOtherThanZeroAreKept() throws {
        let result = try rhel9.get()
        #expect(records(result, "CVE-2022-3602", "openssl-libs").first?.constraint == "< 1:3.0.1-43.el9_0")
        #expect(records(result, "CVE-2022-26305", "libreoffice-core").first?.constraint == "< 1:7.1.8.1-8.el9_1")
        // The RHBA among the RHSAs, with its CVE: moderate.
        let dotnet = try #require(result.records.first { $0.related == ["RHBA-2022:5749"] })
        #expect(dotnet.id == "CVE-2022-1650")
        #expect(dotnet.severity == .medium)
    }

    @Test func kpatchAdvisoriesNameThePatchPackageNotTheKernelCondition() throws {
        let result = try rhel9.get()
        let kpatch = records(result, "CVE-2022-1012", "kpatch-patch-5_14_0-70_13_1")
        #expect(kpatch.map(\.constraint) == ["< 1-1.el9_0"])
        // "kernel version equals 0:5.14.0-70.13.1.el9_0" is a condition, not a fix.
        #expect(!result.records.contains { $0.packageName == "kernel" && $0.constraint == "< 5.14.0-70.13.1.el9_0" })
    }

    /// RLSA-2023:0946 (openssl, 2023-03-29): Rocky references only the RLSA; its eight CVEs come
    /// from the "Security Fix(es)" lines; "openssl is earlier than 1:3.0.1-47.el9_1".
    @Test func rlsa20230946OpenSSL() throws {
        let result = try rocky9.get()
        let record = try #require(records(result, "CVE-2023-0286", "openssl").first)
        #expect(record == RockyFixture.openssl)
        let fixed = Set(result.records.filter { $0.related.contains("RLSA-2023:0946") && $0.packageName == "openssl" }.map(\.id))
        #expect(fixed == ["CVE-2023-0286", "CVE-2022-4203", "CVE-2022-4304", "CVE-2022-4450", "CVE-2023-0215",
                          "CVE-2023-0216", "CVE-2023-0217", "CVE-2023-0401"])
        #expect(records(result, "CVE-2023-0286", "openssl-libs").first?.constraint == "< 1:3.0.1-47.el9_1")
        #expect(records(result, "CVE-2022-1552", "postgresql").first?.constraint == "< 13.7-1.el9_0")
        #expect(records(result, "CVE-2022-1552", "postgresql").first?.related == ["RLSA-2022:4771"])
    }

    @Test func rpmSemanticsOfTheConstraints() throws {
        let gzip = try VersionConstraint(parsing: try #require(records(try rhel9.get(), "CVE-2022-1271", "gzip").first).constraint, scheme: .rpm)
        #expect(try gzip.satisfied(by: "1.10-8.el9"))
        #expect(try gzip.satisfied(by: "1.10-9.el9"))  // el9 < el9_0
        #expect(try !gzip.satisfied(by: "1.10-9.el9_0"))
        #expect(try !gzip.satisfied(by: "0:1.10-9.el9_0"))  // an explicit 0 epoch is the same version
        #expect(try !gzip.satisfied(by: "1.12-1.el9"))
        let openssl = try VersionConstraint(parsing: RockyFixture.openssl.constraint, scheme: .rpm)
        #expect(try openssl.satisfied(by: "1:3.0.1-43.el9_0"))
        #expect(try !openssl.satisfied(by: "1:3.0.1-47.el9_1"))
        #expect(try !openssl.satisfied(by: "1:3.0.7-24.el9"))
    }

    @Test func vendorAndReleaseDetection() {
        #expect(RedHatOVALVendor.detected(fromFileName: "/m/com.redhat.rhsa-RHEL9.xml.bz2") == .redHat)
        #expect(RedHatOVALVendor.detected(fromFileName: "org.rockylinux.rlsa-9.xml.bz2") == .rocky)
        #expect(RedHatOVALVendor.detected(fromFileName: "oval.xml") == nil)
        #expect(RedHatOVALRelease.major(fileName: "com.redhat.rhsa-RHEL9.xml.bz2") == "9")
        #expect(RedHatOVALRelease.major(fileName: "org.rockylinux.rlsa-8.xml.bz2") == "8")
        #expect(RedHatOVALRelease.major(platform: "Red Hat Enterprise Linux 9") == "9")
        #expect(RedHatOVALRelease.major(criterionComment: "Red Hat Enterprise Linux 8 is installed") == "8")
        #expect(RedHatOVALRelease.major(cpe: "cpe:/o:rocky:rocky:9:GA") == "9")
        #expect(RedHatSeverity.severity("Important") == .high)
        #expect(RedHatSeverity.severity("moderate") == .medium)
        #expect(RedHatSeverity.severity("Critical") == .critical)
        #expect(RedHatSeverity.severity("Low") == .low)
        #expect(RedHatSeverity.severity("None") == nil)
    }

    @Test func badDefinitionsAreDiagnosedAndTheRestContinues() throws {
        let lessThan = { (evr: String) in "<arch operation=\"pattern match\">x86_64</arch><evr datatype=\"evr_string\" operation=\"less than\">\(evr)</evr>" }
        let definitions = [
            OVALFeedFixtures.definition("oval:t:def:20", title: "RHSA-2024:1: foo security update (Low)",
                                        references: [("RHSA", "RHSA-2024:1"), ("CVE", "CVE-2024-0002")],
                                        severity: "Low", platform: "Red Hat Enterprise Linux 8", testRefs: [2, 3, 4, 5]),
            OVALFeedFixtures.definition("oval:t:def:21", title: "RHSA-2024:2: signature only", references: [("RHSA", "RHSA-2024:2")], testRefs: [3, 4]),
            OVALFeedFixtures.definition("oval:t:def:22", title: "RHSA-2024:3: bad evr", references: [("RHSA", "RHSA-2024:3")], testRefs: [6]),
            OVALFeedFixtures.definition("oval:t:def:23", title: "RHSA-2024:4: missing object", references: [("RHSA", "RHSA-2024:4")], testRefs: [7]),
        ].joined()
        var xml = OVALFeedFixtures.document(definitions: definitions, tests: [
            rpm(2, "foo-libs", lessThan("0:1.0-2.el8")),
            rpm(3, "foo-libs", "<signature_keyid operation=\"equals\">199e2f91fd431d51</signature_keyid>"),
            rpm(4, "kpatch-patch", nil),
            rpm(5, "kernel", "<evr datatype=\"evr_string\" operation=\"equals\">0:4.18.0-1.el8</evr>"),
            rpm(6, "bar", lessThan("0:1.0-1:2")),
            rpm(7, "baz", lessThan("1.0-1")),
        ])
        xml = xml.replacingOccurrences(of: "<rpminfo_object id=\"oval:t:obj:7\"", with: "<rpminfo_object id=\"oval:t:obj:77\"")
        let result = try RedHatOVALTransformer().transform(xml: MemorySource(Array(xml.utf8)), file: "/m/com.redhat.rhsa-RHEL9.xml")
        #expect(result.definitionCount == 4)
        #expect(result.records.count == 1)
        let record = try #require(result.records.first)
        #expect(record.id == "CVE-2024-0002")
        #expect(record.packageName == "foo-libs")
        #expect(record.constraint == "< 1.0-2.el8")
        #expect(record.namespace == "rhel:8")  // the platform wins over the file name
        #expect(record.severity == .low)
        #expect(result.diagnostics.map(\.record) == ["oval:t:def:21", "oval:t:def:22", "oval:t:def:23"])
        #expect(result.diagnostics[0].message.hasPrefix("RHSA-2024:2: criteria name no package"))
        #expect(result.diagnostics[1].message.contains("not a valid rpm version"))
        #expect(result.diagnostics[2].message.contains("refers to no rpminfo_object"))
        #expect(result.diagnostics.allSatisfy { $0.feed == "redhat-oval:com.redhat.rhsa-RHEL9.xml" })
    }

    @Test func malformedXMLIsAnErrorNamingTheFileAndLine() throws {
        #expect {
            _ = try RedHatOVALTransformer().transform(fileAt: OVALFeedFixtures.brokenRHEL6)
        } throws: { error in
            guard case OVALFeedError.malformedOVAL(let file, let line, _, _) = error else { return false }
            // An element is left open; libxml2 notices at the end of the 412-line document.
            return file == OVALFeedFixtures.brokenRHEL6 && line >= 411 && "\(error)".contains("\(OVALFeedFixtures.brokenRHEL6) at line \(line)")
        }
        #expect {
            _ = try RedHatOVALTransformer(vendor: .rocky).transform(fileAt: "/nonexistent/org.rockylinux.rlsa-9.xml.bz2")
        } throws: { error in
            guard case OVALFeedError.unreadable(let file, _) = error else { return false }
            return file == "/nonexistent/org.rockylinux.rlsa-9.xml.bz2"
        }
    }
}
