import Foundation
import Model
import TestSupport
import Testing
import Versions
@testable import Feeds

/// The jammy and noble USN OVAL, each parsed once for every test that reads it.
private let jammy = Result { try UbuntuOVALTransformer().transform(fileAt: OVALFeedFixtures.jammyUSN) }
private let noble = Result { try UbuntuOVALTransformer().transform(fileAt: OVALFeedFixtures.nobleUSN) }

private func records(_ result: UbuntuOVALResult, _ id: String, _ package: String) -> [VulnerabilityRecord] {
    result.records.filter { $0.id == id && $0.packageName == package }
}

private func dpkg(_ n: Int, _ names: [String], _ evr: String?) -> OVALFeedFixtures.PackageTest {
    .init(n: n, kind: "dpkginfo", names: names,
          state: evr.map { "<evr datatype=\"debian_evr_string\" operation=\"less than\">\($0)</evr>" })
}

@Suite("Ubuntu USN OVAL transformer")
struct UbuntuOVALTransformerTests {
    @Test func jammyCounts() throws {
        let result = try jammy.get()
        #expect(result.definitionCount == 625)  // 1 inventory, 613 USN, 11 LSN
        #expect(result.records.count == 30_887)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
        #expect(result.kernelOnlyAdvisories.count == 151)
        #expect(result.kernelOnlyAdvisories.contains("LSN-0086-1") && result.kernelOnlyAdvisories.contains("USN-5390-1"))
        #expect(result.namespaces == ["ubuntu:22.04"])
        #expect(Set(result.records.map(\.versionFormat)) == ["deb"])
        #expect(Set(result.records.map(\.source)) == ["ubuntu-oval"])
        #expect(result.records.allSatisfy { $0.fixState == .fixed && $0.fixedIn.count == 1 && $0.constraint == "< \($0.fixedIn[0])" })
    }

    @Test func nobleHasNoPlatformSoTheFileNameGivesTheRelease() throws {
        let result = try noble.get()
        #expect(result.definitionCount == 261)
        #expect(result.records.count == 5_986)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
        #expect(result.kernelOnlyAdvisories.count == 53)
        #expect(result.namespaces == ["ubuntu:24.04"])
    }

    @Test func withoutAKnownFileNameTheInventoryDefinitionGivesTheRelease() throws {
        let bytes = try Bzip2.decompress(fileAt: OVALFeedFixtures.nobleUSN)
        let result = try UbuntuOVALTransformer().transform(xml: MemorySource(bytes), file: "download.xml")
        #expect(result.namespaces == ["ubuntu:24.04"])
        #expect(result.records.count == 5_986)
    }

    @Test func everyConstraintParsesAsDeb() throws {
        for result in [try jammy.get(), try noble.get()] {
            var failures: [String] = []
            for record in result.records {
                do { _ = try VersionConstraint(parsing: record.constraint, scheme: .deb) } catch { failures.append("\(record.id) \(record.constraint)") }
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
        }
    }

    /// USN-5710-1 (OpenSSL, 2022-11-01) by hand from the XML: CVE-2022-3358 (priority low),
    /// CVE-2022-3602 and CVE-2022-3786 (high); libssl3, libssl-dev, libssl-doc and openssl through
    /// one constant_variable, all `less than 0:3.0.2-0ubuntu1.7`.
    @Test func usn5710OpenSSLInJammy() throws {
        let result = try jammy.get()
        for package in ["openssl", "libssl3", "libssl-dev", "libssl-doc"] {
            for cve in ["CVE-2022-3358", "CVE-2022-3602", "CVE-2022-3786"] {
                let found = records(result, cve, package)
                #expect(found.count == 1, "\(cve) \(package)")
                #expect(found.first?.constraint == "< 3.0.2-0ubuntu1.7")
            }
        }
        let record = try #require(records(result, "CVE-2022-3602", "openssl").first)
        #expect(record.namespace == "ubuntu:22.04")
        #expect(record.fixedIn == ["3.0.2-0ubuntu1.7"])
        #expect(record.related == ["USN-5710-1"])
        #expect(record.aliases.isEmpty)
        #expect(record.severity == .high)
        #expect(record.published == "2022-11-01")
        #expect(record.urls == ["https://ubuntu.com/security/CVE-2022-3602", "https://ubuntu.com/security/notices/USN-5710-1"])
        #expect(record.cvss.first?.vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")
        #expect(record.cvss.first?.baseScore == 7.5)
        #expect(record.summary?.hasPrefix("It was discovered that OpenSSL incorrectly handled certain X.509 Email Addresses") == true)
        #expect(record.summary?.contains("Update Instructions") == false)
        // The per-CVE Ubuntu priority, not the USN's overall severity.
        #expect(records(result, "CVE-2022-3358", "openssl").first?.severity == .low)
        // USN-5844-1 fixed CVE-2023-0286 in 3.0.2-0ubuntu1.8.
        #expect(records(result, "CVE-2023-0286", "openssl").first?.constraint == "< 3.0.2-0ubuntu1.8")
        #expect(records(result, "CVE-2023-0286", "openssl").first?.related == ["USN-5844-1"])
    }

    @Test func aCVEInSeveralUSNsIsOneRecordFixedByTheLatest() throws {
        // CVE-2023-24329: USN-5960-1 fixed python3.10 in 3.10.6-1~22.04.2ubuntu1, USN-6139-1 again in …ubuntu1.1.
        let found = records(try jammy.get(), "CVE-2023-24329", "python3.10")
        #expect(found.count == 1)
        #expect(found.first?.constraint == "< 3.10.6-1~22.04.2ubuntu1.1")
        #expect(found.first?.fixedIn == ["3.10.6-1~22.04.2ubuntu1.1"])
        #expect(found.first?.related == ["USN-5960-1", "USN-6139-1"])
    }

    @Test func aUSNWithoutCVEsKeepsItsOwnID() throws {
        // USN-6237-2 (curl regression) references no CVE.
        let record = try #require(records(try jammy.get(), "USN-6237-2", "curl").first)
        #expect(record.constraint == "< 7.81.0-1ubuntu1.13")
        #expect(record.related.isEmpty)
        #expect(record.severity == nil)  // <severity>None</severity>
    }

    @Test func dpkgSemanticsOfTheConstraints() throws {
        let record = try #require(records(try jammy.get(), "CVE-2022-3602", "libssl3").first)
        let constraint = try VersionConstraint(parsing: record.constraint, scheme: .deb)
        #expect(try constraint.satisfied(by: "3.0.2-0ubuntu1.6"))
        #expect(try constraint.satisfied(by: "3.0.2-0ubuntu1"))
        #expect(try !constraint.satisfied(by: "3.0.2-0ubuntu1.7"))
        #expect(try !constraint.satisfied(by: "0:3.0.2-0ubuntu1.7"))
        #expect(try !constraint.satisfied(by: "3.0.2-0ubuntu1.10"))
    }

    @Test func releaseNames() {
        #expect(UbuntuRelease.namespace(codename: "trusty") == "ubuntu:14.04")
        #expect(UbuntuRelease.namespace(codename: "focal") == "ubuntu:20.04")
        #expect(UbuntuRelease.namespace(codename: "Noble") == "ubuntu:24.04")
        #expect(UbuntuRelease.namespace(codename: "sid") == nil)
        #expect(UbuntuRelease.namespace(platform: "Ubuntu 22.04 LTS") == "ubuntu:22.04")
        #expect(UbuntuRelease.namespace(platform: "Ubuntu 23.10") == "ubuntu:23.10")
        #expect(UbuntuRelease.namespace(platform: "Debian GNU/Linux 12") == nil)
        #expect(UbuntuRelease.codename(inOVALFileName: "/m/com.ubuntu.jammy.usn.oval.xml.bz2") == "jammy")
        #expect(UbuntuRelease.codename(inOVALFileName: "oci.com.ubuntu.noble.usn.oval.xml.bz2") == "noble")
        #expect(UbuntuRelease.codename(inOVALFileName: "oci.com.ubuntu.fips-updates_jammy.cve.oval.xml.bz2") == nil)
    }

    @Test func badDefinitionsAreDiagnosedAndTheRestContinues() throws {
        let definitions = [
            OVALFeedFixtures.definition("oval:t:def:10", title: "USN-1-1 -- good", references: [("USN", "USN-1-1"), ("CVE", "CVE-2024-0001")],
                                        platform: "Ubuntu 22.04 LTS", testRefs: [2]),
            OVALFeedFixtures.definition("oval:t:def:11", title: "USN-2-1 -- no package", references: [("USN", "USN-2-1")], testRefs: [99]),
            OVALFeedFixtures.definition("oval:t:def:12", title: "USN-3-1 -- bad version", references: [("USN", "USN-3-1")], testRefs: [3]),
            OVALFeedFixtures.definition("oval:t:def:13", title: "USN-4-1 -- empty name", references: [("USN", "USN-4-1")], testRefs: [4]),
            OVALFeedFixtures.definition("oval:t:def:14", title: "USN-5-1 -- Linux kernel vulnerabilities", references: [("USN", "USN-5-1")], testRefs: [1]),
        ].joined()
        let xml = OVALFeedFixtures.document(definitions: definitions, tests: [
            dpkg(2, ["libfoo1", "foo-bin"], "0:1.2-3ubuntu0.1"), dpkg(3, ["bar"], "0:not a version"), dpkg(4, [""], "0:1.0-1"),
        ])
        let result = try UbuntuOVALTransformer().transform(xml: MemorySource(Array(xml.utf8)), file: "/m/com.ubuntu.noble.usn.oval.xml")
        #expect(result.definitionCount == 5)
        #expect(result.records.map(\.packageName) == ["libfoo1", "foo-bin"])
        #expect(result.records.allSatisfy { $0.id == "CVE-2024-0001" && $0.constraint == "< 1.2-3ubuntu0.1" && $0.namespace == "ubuntu:22.04" })
        #expect(result.records.first?.severity == .medium)  // no <cve priority>: the USN's severity
        #expect(result.diagnostics.map(\.record) == ["oval:t:def:11", "oval:t:def:12", "oval:t:def:13"])
        #expect(result.diagnostics[0].message.hasPrefix("USN-2-1: criteria name no package"))
        #expect(result.diagnostics[1].message.contains("not a valid Debian version"))
        #expect(result.diagnostics[2].message.contains("has no package name"))
        #expect(result.diagnostics.allSatisfy { $0.feed == "ubuntu-oval:com.ubuntu.noble.usn.oval.xml" })
        #expect(result.kernelOnlyAdvisories == ["USN-5-1"])
    }

    @Test func malformedXMLIsAnErrorNamingTheFileAndLine() throws {
        let xml = "<?xml version=\"1.0\"?>\n<oval_definitions>\n<definitions>\n<definition id=\"x\">\n</definitions>\n</oval_definitions>\n"
        #expect {
            _ = try UbuntuOVALTransformer().transform(xml: MemorySource(Array(xml.utf8)), file: "com.ubuntu.jammy.usn.oval.xml")
        } throws: { error in
            guard case OVALFeedError.malformedOVAL(let file, let line, _, _) = error else { return false }
            // The mismatched end tag is on line 5; libxml2 reports where it noticed, up to a line later.
            return file == "com.ubuntu.jammy.usn.oval.xml" && (5...6).contains(line) && "\(error)".contains("line \(line)")
        }
        #expect(throws: OVALFeedError.self) {
            _ = try UbuntuOVALTransformer().transform(xml: MemorySource(Array("<html/>".utf8)), file: "page.html")
        }
    }

    @Test func truncatedBzip2IsAnErrorNamingTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: OVALFeedFixtures.jammyUSN)).prefix(100_000))
        let path = try directory.write("com.ubuntu.jammy.usn.oval.xml.bz2", bytes)
        #expect {
            _ = try UbuntuOVALTransformer().transform(fileAt: path)
        } throws: { error in
            guard case OVALFeedError.unreadable(let file, _) = error else { return false }
            return file == path
        }
    }
}
