import Foundation
import Model
import TestSupport
import Testing
import Versions
@testable import Feeds

/// The bookworm OVAL, parsed once for every test that reads it, with the parse time.
private let bookworm: Result<(result: DebianOVALResult, seconds: Double), any Error> = Result {
    let clock = ContinuousClock()
    var result: DebianOVALResult?
    let elapsed = try clock.measure { result = try DebianOVALTransformer().transform(fileAt: DebianFeedFixtures.bookwormOVAL) }
    guard let result else { throw CancellationError() }
    return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

private func records(_ result: DebianOVALResult, _ id: String, _ package: String) -> [VulnerabilityRecord] {
    result.records.filter { $0.id == id && $0.packageName == package }
}

/// A minimal OVAL document: `definitions` (XML) plus one dpkg test/object/state per (ref, package, evr).
private func ovalDocument(definitions: String, dpkg: [(test: Int, package: String, evr: String)]) -> String {
    let tests = dpkg.map {
        """
        <dpkginfo_test id="oval:t:tst:\($0.test)" version="1" check="all" xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux">
          <object object_ref="oval:t:obj:\($0.test)"/><state state_ref="oval:t:ste:\($0.test)"/>
        </dpkginfo_test>
        """
    }.joined(separator: "\n")
    let objects = dpkg.map { "<dpkginfo_object id=\"oval:t:obj:\($0.test)\" version=\"1\"><name>\($0.package)</name></dpkginfo_object>" }
        .joined(separator: "\n")
    let states = dpkg.map {
        "<dpkginfo_state id=\"oval:t:ste:\($0.test)\" version=\"1\"><evr datatype=\"debian_evr_string\" operation=\"less than\">\($0.evr)</evr></dpkginfo_state>"
    }.joined(separator: "\n")
    return """
    <?xml version='1.0' encoding='UTF-8'?>
    <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5">
      <definitions>\(definitions)</definitions>
      <tests>
        <textfilecontent54_test id="oval:t:tst:1" version="1"><object object_ref="oval:t:obj:1"/></textfilecontent54_test>
        \(tests)
      </tests>
      <objects>\(objects)</objects>
      <states>\(states)</states>
    </oval_definitions>
    """
}

private func definition(_ id: String, title: String, platform: String = "Debian GNU/Linux 12", testRefs: [Int]) -> String {
    let criteria = testRefs.map { "<criterion test_ref=\"oval:t:tst:\($0)\" comment=\"x\"/>" }.joined()
    return """
    <definition id="\(id)" version="1" class="vulnerability">
      <metadata><title>\(title)</title>
        <affected family="unix"><platform>\(platform)</platform></affected>
        <reference source="CVE" ref_id="\(title.split(separator: " ")[0])" ref_url="https://example.invalid/\(id)"/>
        <description>d &amp; e</description><debian><moreinfo/></debian>
      </metadata>
      <criteria operator="AND">\(criteria)</criteria>
    </definition>
    """
}

@Suite("Debian OVAL transformer")
struct DebianOVALTransformerTests {
    @Test func bookwormCounts() throws {
        let (result, seconds) = try bookworm.get()
        print("bookworm OVAL: \(result.records.count) records in \(String(format: "%.2f", seconds)) s")
        #expect(result.definitionCount == 25_932)
        #expect(result.sourcePackages.count == 2_767)
        #expect(result.earlierThanZero.count == 1_533)
        #expect(result.records.count == 25_932 - 1_533)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
        #expect(Set(result.records.map(\.namespace)) == ["debian:12"])
        #expect(Set(result.records.map(\.versionFormat)) == ["deb"])
        #expect(Set(result.records.map(\.source)) == ["debian-oval"])
        #expect(result.records.allSatisfy { $0.fixState == .fixed && $0.fixedIn.count == 1 && $0.constraint == "< \($0.fixedIn[0])" })
    }

    @Test func everyConstraintParsesAsDeb() throws {
        let (result, _) = try bookworm.get()
        var failures: [String] = []
        for record in result.records {
            do { _ = try VersionConstraint(parsing: record.constraint, scheme: .deb) } catch { failures.append("\(record.id) \(record.constraint)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test(arguments: [
        ("CVE-2023-0286", "openssl", "3.0.8-1"),
        ("CVE-2014-0160", "openssl", "1.0.1g-1"),
        ("CVE-2023-2650", "openssl", "3.0.9-1"),
        ("CVE-2022-1271", "gzip", "1.12-1"),
        ("CVE-2022-1271", "xz-utils", "5.2.5-2.1"),
        ("CVE-2021-44228", "apache-log4j2", "2.15.0-1"),
        // Epochs other than 0 are kept.
        ("CVE-2022-37434", "zlib", "1:1.2.11.dfsg-4.1"),
        ("CVE-2000-0992", "openssh", "1:3.9p1-1"),
        ("DSA-5418-1", "chromium", "114.0.5735.90-2~deb12u1"),
    ])
    func specificFixedVersions(id: String, package: String, evr: String) throws {
        let (result, _) = try bookworm.get()
        let found = records(result, id, package)
        #expect(found.count == 1)
        let record = try #require(found.first)
        #expect(record.namespace == "debian:12")
        #expect(record.constraint == "< \(evr)")
        #expect(record.fixedIn == [evr])
        #expect(record.fixState == .fixed)
        #expect(record.urls.isEmpty == false)
    }

    @Test func dpkgSemanticsOfTheConstraints() throws {
        let (result, _) = try bookworm.get()
        let openssl = try VersionConstraint(parsing: try #require(records(result, "CVE-2023-0286", "openssl").first).constraint, scheme: .deb)
        #expect(try openssl.satisfied(by: "3.0.7-1"))
        #expect(try openssl.satisfied(by: "3.0.8-1~deb12u1"))  // ~ sorts before the end
        #expect(try !openssl.satisfied(by: "3.0.8-1"))
        #expect(try !openssl.satisfied(by: "0:3.0.8-1"))  // 0: is the same version
        #expect(try !openssl.satisfied(by: "3.0.9-1"))
        let zlib = try VersionConstraint(parsing: try #require(records(result, "CVE-2022-37434", "zlib").first).constraint, scheme: .deb)
        #expect(try zlib.satisfied(by: "1.2.13.dfsg-1"))  // epoch 0 < epoch 1
        #expect(try zlib.satisfied(by: "1:1.2.11.dfsg-2"))
        #expect(try !zlib.satisfied(by: "1:1.2.13.dfsg-1"))
    }

    @Test func identifiersAndAliases() throws {
        let (result, _) = try bookworm.get()
        let cve = try #require(records(result, "CVE-2023-2929", "chromium").first)
        // The DSA that fixed it is related, not an alias (aliases carry KEV/EPSS across).
        #expect(cve.related == ["DSA-5418"])
        #expect(cve.aliases.isEmpty)
        let dsa = try #require(records(result, "DSA-5418-1", "chromium").first)
        #expect(dsa.related.count == 13)
        #expect(dsa.related.first == "CVE-2023-2929")
        #expect(dsa.aliases.isEmpty)
        #expect(dsa.published == "2023-06-03")
        #expect(dsa.summary?.hasPrefix("Multiple security issues were discovered in Chromium") == true)
        let glibc = try #require(records(result, "CVE-1999-0199", "glibc").first)
        #expect(glibc.summary?.hasPrefix("manual/search.texi in the GNU C Library") == true)
        #expect(glibc.urls == ["https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-1999-0199"])
        #expect(glibc.severity == nil)  // Debian's OVAL carries no urgency
    }

    @Test func earlierThanZeroMakesNoRecord() throws {
        let (result, _) = try bookworm.get()
        for (id, package) in [("CVE-2011-3374", "apt"), ("CVE-2005-2541", "tar"), ("CVE-2022-0563", "util-linux"), ("CVE-2007-5686", "shadow")] {
            #expect(result.earlierThanZero.contains { $0.vulnerabilityID == id && $0.packageName == package }, "\(id) \(package)")
            #expect(records(result, id, package).isEmpty)
        }
    }

    @Test func bullseyeIsDebian11() throws {
        let result = try DebianOVALTransformer().transform(fileAt: DebianFeedFixtures.bullseyeOVAL)
        #expect(result.definitionCount == 27_311)
        // Upstream writes `<name/>` for one object (flatpak's CVEs): those definitions are diagnosed.
        #expect(result.diagnostics.map(\.record).count == 3)
        #expect(result.diagnostics.allSatisfy { $0.message.contains("oval:org.debian.oval:obj:2577") && $0.message.contains("no package name") })
        #expect(result.diagnostics.contains { $0.message.hasPrefix("DSA-5049-1") })
        #expect(result.records.count == 24_206)
        #expect(result.earlierThanZero.count == 3_102)
        #expect(result.sourcePackages.count == 2_766)
        #expect(Set(result.records.map(\.namespace)) == ["debian:11"])
    }

    @Test func smallBullseyeSample() throws {
        let result = try DebianOVALTransformer().transform(fileAt: DebianFeedFixtures.ovalSamples + "/oval-definitions-bullseye.xml.bz2")
        #expect(result.definitionCount == 4)
        #expect(result.records.map(\.id) == ["CVE-2016-5405", "CVE-2022-31625", "DSA-5179-1"])
        #expect(result.records.map(\.constraint) == ["< 1.3.5.15-1", "< 7.4.30-1+deb11u1", "< 7.4.30-1+deb11u1"])
        #expect(Set(result.records.map(\.namespace)) == ["debian:11"])
        #expect(result.earlierThanZero.map(\.vulnerabilityID) == ["CVE-2016-5416"])
    }

    @Test func truncatedBzip2IsAnErrorNamingTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: DebianFeedFixtures.bookwormOVAL)).prefix(1_000_000))
        let path = try directory.write("oval-definitions-bookworm.xml.bz2", bytes)
        #expect {
            _ = try DebianOVALTransformer().transform(fileAt: path)
        } throws: { error in
            guard case DebianFeedError.unreadable(let file, let reason) = error else { return false }
            return file == path && reason.contains("truncated") && "\(error)".contains(path)
        }
    }

    @Test func malformedXMLIsAnErrorNamingTheFile() throws {
        // A valid bzip2 stream holding the text "invalid".
        let path = DebianFeedFixtures.ovalSamples + "/oval-definitions-bullseye_invalid.xml.bz2"
        #expect {
            _ = try DebianOVALTransformer().transform(fileAt: path)
        } throws: { error in
            guard case DebianFeedError.malformedOVAL(let file, _, _, _) = error else { return false }
            return file == path
        }
    }

    @Test func truncatedXMLIsAnError() throws {
        let xml = ovalDocument(definitions: definition("oval:t:def:1", title: "CVE-2020-0001 foo", testRefs: [1, 2]),
                               dpkg: [(2, "foo", "0:1.0-1")])
        let cut = Array(xml.utf8.prefix(xml.utf8.count / 2))
        #expect(throws: DebianFeedError.self) { _ = try DebianOVALTransformer().transform(xml: MemorySource(cut), file: "cut.xml") }
        #expect(throws: DebianFeedError.self) {
            _ = try DebianOVALTransformer().transform(xml: MemorySource(Array("<html><body/></html>".utf8)), file: "page.html")
        }
    }

    @Test func badDefinitionsAreDiagnosedAndTheRestContinues() throws {
        let definitions = [
            definition("oval:t:def:1", title: "CVE-2020-0001 foo", testRefs: [1, 2]),
            definition("oval:t:def:2", title: "CVE-2020-0002 bar", testRefs: [1]),  // no dpkginfo test
            definition("oval:t:def:3", title: "CVE-2020-0003 baz", testRefs: [1, 3]),  // bad EVR
            definition("oval:t:def:4", title: "CVE-2020-0004 qux", platform: "Other OS", testRefs: [1, 4]),
        ].joined()
        let xml = ovalDocument(definitions: definitions,
                               dpkg: [(2, "foo", "0:1.0-1"), (3, "baz", "0:not a version"), (4, "qux", "2:3.0")])
        let result = try DebianOVALTransformer().transform(xml: MemorySource(Array(xml.utf8)), file: "/x/oval-definitions-trixie.xml")
        #expect(result.definitionCount == 4)
        #expect(result.records.map(\.id) == ["CVE-2020-0001", "CVE-2020-0004"])
        #expect(result.records.first?.constraint == "< 1.0-1")
        #expect(result.records.first?.summary == "d & e")
        // No platform: the release comes from the file name.
        #expect(result.records.last?.namespace == "debian:13")
        #expect(result.records.last?.constraint == "< 2:3.0")
        #expect(result.diagnostics.map(\.record) == ["oval:t:def:2", "oval:t:def:3"])
        #expect(result.diagnostics.first?.message.contains("no dpkginfo_test") == true)
        #expect(result.diagnostics.allSatisfy { $0.feed == "debian-oval:oval-definitions-trixie.xml" })
    }
}
