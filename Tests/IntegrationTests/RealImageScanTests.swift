import Engine
import Foundation
import ImageSource
import LayerFS
import Model
import SBOMFormats
import Testing
import TestSupport
import Versions
import VulnDB

/// Vulnerability matching on the shared test image with a DB built from ../shared/feeds.
/// The tests only read the one DB (built once, below), so they need not run one at a time.
@Suite(.enabled(if: TestEnvironment.imageAvailable))
struct RealImageScanTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let feeds = repository.deletingLastPathComponent().appendingPathComponent("shared/feeds").path
    /// The pip-installed packages of the image (make-image.sh's PIP_PKGS, PyJWT deleted again).
    static let pipInstalled = ["requests==2.19.1", "urllib3==1.23", "idna==2.7", "chardet==3.0.4", "certifi==2018.4.16", "PyYAML==5.3",
                               "Jinja2==2.10", "MarkupSafe==1.1.1", "Django==2.2", "pytz==2019.1", "sqlparse==0.4.1", "Pillow==9.3.0"]

    /// Built once for the suite (it takes a while in a debug build), without blocking a thread.
    actor DatabaseCache {
        private var built: Task<String, any Error>?

        func path() async throws -> String {
            if built == nil {
                built = Task {
                    let directory = try TemporaryDirectory("hawser-vulndb")
                    let path = directory.path + "/vulndb.sqlite"
                    _ = try await FeedMirrorBuild(mirror: RealImageScanTests.feeds, database: path).run()
                    return path
                }
            }
            return try await built!.value
        }
    }

    static let database = DatabaseCache()

    func scan(_ source: String) async throws -> ScanReport {
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        return try await Engine(sourceOptions: SourceOptions(cacheDirectory: cache.path)).scan(source, database: try await Self.database.path())
    }

    @Test func pypiMatchesEqualAnIndependentOracle() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let report = try await scan("oci-dir:\(image)/oci")
        let actual = Set(report.matches.filter { $0.package.type == .python }.map { "\($0.package.name) \($0.vulnerability.id)" })
        // The oracle: Python's packaging over the same OSV file, for the pip-installed packages
        // (pip, setuptools and wheel come from Debian packages and are matched through them).
        let oracle = Process()
        oracle.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        oracle.arguments = ["python3", Self.repository.appendingPathComponent("Tests/IntegrationTests/Scripts/expected_pypi_vulns.py").path,
                            Self.feeds + "/osv/PyPI/all.zip"] + Self.pipInstalled
        let pipe = Pipe()
        oracle.standardOutput = pipe
        try oracle.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        oracle.waitUntilExit()
        #expect(oracle.terminationStatus == 0)
        let expected = Set(output.split(separator: "\n").map(String.init))
        #expect(expected.count > 50)
        #expect(actual == expected, "only Hawser: \(actual.subtracting(expected).sorted()); only oracle: \(expected.subtracting(actual).sorted())")

        for (package, cve) in [("requests", "CVE-2018-18074"), ("urllib3", "CVE-2019-11324"), ("pyyaml", "CVE-2020-14343"),
                               ("jinja2", "CVE-2019-10906"), ("sqlparse", "CVE-2021-32839")] {
            #expect(report.matches.contains { $0.package.name == package && ($0.vulnerability.id == cve || $0.vulnerability.aliases.contains(cve)) },
                    "\(package) \(cve)")
        }
        #expect(report.matches.contains { $0.package.name == "django" })
        #expect(report.matches.contains { $0.package.name == "pillow" })
        #expect(!report.matches.contains { $0.package.name == "pyjwt" })
        // Every match explains itself with the record, the installed version and the range.
        #expect(report.matches.allSatisfy { $0.explanation.contains($0.vulnerability.id) && $0.explanation.contains($0.package.version.replacingOccurrences(of: "go", with: "")) })
    }

    @Test func goStdlibAndDebianMatchesAreConsistent() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let report = try await scan("oci-dir:\(image)/oci")
        let stdlib = report.matches.filter { $0.package.name == "stdlib" }
        #expect(!stdlib.isEmpty)
        let installed = try VersionFormat.go.parse("1.19.8")
        for match in stdlib {
            // Every stdlib finding is fixed only after go1.19.8 (or not at all).
            let fixes = try match.vulnerability.fixedIn.map { try VersionFormat.go.parse($0) }
            #expect(fixes.isEmpty || fixes.contains { $0 > installed }, "\(match.vulnerability.id) \(match.vulnerability.fixedIn)")
        }
        // No Debian finding whose fix is at or below the installed source version.
        let sbom = try await Engine(sourceOptions: SourceOptions(cacheDirectory: NSTemporaryDirectory())).sbom("oci-dir:\(image)/oci", scope: .squashed)
        for match in report.matches where match.package.type == .deb {
            let package = try #require(sbom.packages.first { $0.id == match.package.id })
            guard case .dpkg(let metadata) = package.metadata else { continue }
            let version = try VersionFormat.deb.parse(metadata.sourceVersion ?? package.version)
            for fix in match.vulnerability.fixedIn {
                #expect(try VersionFormat.deb.parse(fix) > version, "\(match.vulnerability.id) fixed in \(fix), installed \(version)")
            }
        }
        #expect(report.distro?.id == "debian")
    }

    @Test func scanningTheSBOMGivesTheSameMatchesAndFailOnExitsTwo() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let direct = try await scan("oci-dir:\(image)/oci")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sbom = try await Engine(sourceOptions: SourceOptions(cacheDirectory: directory.path + "/cache")).sbom("oci-dir:\(image)/oci", scope: .squashed)
        for format in [SBOMFormat.hawserJSON, .cyclonedxJSON, .syftJSON] {
            let file = try directory.write("sbom.\(format.rawValue).json", try format.encode(sbom, timestamp: "2026-01-01T00:00:00Z", serial: "x"))
            let fromFile = try await scan("sbom:\(file)")
            #expect(Set(fromFile.matches.map { "\($0.package.name) \($0.vulnerability.id)" }) == Set(direct.matches.map { "\($0.package.name) \($0.vulnerability.id)" }),
                    "\(format.rawValue)")
        }
        let run = try CLITests.run(["scan", "sbom:\(directory.path)/sbom.hawser-json.json", "--db", try await Self.database.path(), "--fail-on", "medium"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.contains("PYSEC-2018-28"))
        let missing = try CLITests.run(["scan", "sbom:\(directory.path)/sbom.hawser-json.json", "--db", directory.path + "/none.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("hawser db build"))
    }

    /// A Debian 12 rootfs with older package versions than the OVAL's fixes: binary packages are
    /// matched through their source package, with the OVAL's fixed versions.
    @Test func debianRootfsMatchesTheOVALThroughSourcePackages() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try root.write("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
        try root.write("var/lib/dpkg/status", """
        Package: libssl3
        Status: install ok installed
        Architecture: amd64
        Source: openssl
        Version: 3.0.8-1
        Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>

        Package: openssl
        Status: install ok installed
        Architecture: amd64
        Version: 3.0.9-1

        Package: zlib1g
        Status: install ok installed
        Architecture: amd64
        Source: zlib
        Version: 1:1.2.11.dfsg-2+deb11u1
        Maintainer: Mark Brown <broonie@debian.org>

        """)
        let report = try await scan("dir:\(root.path)")
        func match(_ package: String, _ cve: String) -> Match? {
            report.matches.first { $0.package.name == package && $0.vulnerability.id == cve }
        }
        // libssl3 3.0.8-1 is fixed for CVE-2023-0286 (fixed in 3.0.8-1) but not for CVE-2023-2650 (3.0.9-1).
        let libssl = try #require(match("libssl3", "CVE-2023-2650"))
        #expect(libssl.vulnerability.fixedIn == ["3.0.9-1"])
        #expect(libssl.matchType == .exactIndirect)
        #expect(libssl.explanation.contains("openssl"))
        #expect(match("libssl3", "CVE-2023-0286") == nil)
        // The openssl binary package at 3.0.9-1 has both fixes.
        #expect(match("openssl", "CVE-2023-2650") == nil)
        // zlib1g (source zlib, with an epoch) is older than the OVAL's fix for CVE-2018-25032.
        let zlib = try #require(match("zlib1g", "CVE-2018-25032"))
        #expect(zlib.vulnerability.fixedIn == ["1:1.2.11.dfsg-4"])
        #expect(zlib.vulnerability.namespace == "debian:12")
    }

    /// `hawser explain` on the same rootfs: why libssl3 has one openssl CVE and not the other.
    @Test func explainSaysWhyAPackageMatchedOrNot() async throws {
        let root = try TemporaryDirectory()
        defer { root.remove() }
        try root.write("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
        try root.write("var/lib/dpkg/status", """
        Package: libssl3
        Status: install ok installed
        Architecture: amd64
        Source: openssl
        Version: 3.0.8-1

        """)
        let database = try await Self.database.path()
        let hit = try CLITests.run(["explain", "CVE-2023-2650", "--package", "libssl3", "dir:\(root.path)", "--db", database])
        #expect(hit.status == 0, "\(hit.stderr)")
        #expect(hit.stdout.contains("looks up openssl 3.0.8-1 in debian:12"), "\(hit.stdout)")
        #expect(hit.stdout.contains("MATCH CVE-2023-2650 (debian:12)"), "\(hit.stdout)")
        let miss = try CLITests.run(["explain", "CVE-2023-0286", "--package", "libssl3", "dir:\(root.path)", "--db", database])
        #expect(miss.status == 0, "\(miss.stderr)")
        #expect(miss.stdout.contains("no match CVE-2023-0286 (debian:12): not matched: installed 3.0.8-1 of openssl is outside the affected range < 3.0.8-1"),
                "\(miss.stdout)")
        // A record in another release is named as such.
        #expect(miss.stdout.contains("(debian:11): not matched: the debian-oval record is in debian:11"), "\(miss.stdout)")
        let absent = try CLITests.run(["explain", "CVE-2023-2650", "--package", "nginx", "dir:\(root.path)", "--db", database])
        #expect(absent.status == 1)
        #expect(absent.stdout.contains("no package named nginx"))
    }

    /// `-o cyclonedx-json` and `-o sarif` carry every match, tied to the components and rules.
    @Test func scanReportsAsCycloneDXAndSARIF() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await Self.database.path()
        let environment = ["HAWSER_CACHE_DIR": directory.path + "/cache"]
        let json = try CLITests.run(["scan", "oci-dir:\(image)/oci", "--db", database, "-o", "json"], environment: environment)
        #expect(json.status == 0, "\(json.stderr)")
        let matches = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])["matches"] as? [[String: Any]]
        let count = try #require(matches).count
        #expect(count > 100)

        let cdx = try CLITests.run(["scan", "oci-dir:\(image)/oci", "--db", database, "-o", "cyclonedx-json", "--file", directory.path + "/cdx.json"],
                                   environment: environment)
        #expect(cdx.status == 0, "\(cdx.stderr)")
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path + "/cdx.json"))) as? [String: Any])
        #expect(bom["specVersion"] as? String == "1.6")
        let references = Set(((bom["components"] as? [[String: Any]]) ?? []).compactMap { $0["bom-ref"] as? String })
        let vulnerabilities = try #require(bom["vulnerabilities"] as? [[String: Any]])
        #expect(vulnerabilities.count == count)
        for vulnerability in vulnerabilities {
            let affects = try #require(vulnerability["affects"] as? [[String: Any]])
            #expect(affects.allSatisfy { references.contains($0["ref"] as? String ?? "") }, "\(vulnerability["id"] ?? "")")
        }
        let requests = try #require(vulnerabilities.first { $0["id"] as? String == "PYSEC-2018-28" })
        #expect((requests["references"] as? [[String: Any]])?.contains { $0["id"] as? String == "CVE-2018-18074" } == true)
        #expect(requests["recommendation"] as? String == "Upgrade requests to 2.20.0")
        #expect(vulnerabilities.contains { ($0["ratings"] as? [[String: Any]])?.contains { $0["method"] as? String == "CVSSv31" && ($0["vector"] as? String)?.hasPrefix("CVSS:3.1/") == true } == true })

        let sarif = try CLITests.run(["scan", "oci-dir:\(image)/oci", "--db", database, "-o", "sarif"], environment: environment)
        #expect(sarif.status == 0, "\(sarif.stderr)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(results.count == count)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
        }
        #expect(rules.contains { $0["id"] as? String == "PYSEC-2018-28-requests" })
    }

    /// Alpine (secdb, through the apk origin) and Ubuntu (USN OVAL) roots written by the test.
    @Test func alpineAndUbuntuRootsMatchTheirDistroFeeds() async throws {
        let alpine = try TemporaryDirectory()
        defer { alpine.remove() }
        try alpine.write("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n")
        try alpine.write("lib/apk/db/installed", """
        P:libcrypto3
        V:3.1.4-r4
        A:x86_64
        o:openssl
        L:Apache-2.0

        P:musl
        V:1.2.4_git20230717-r4
        A:x86_64
        o:musl

        """)
        let alpineReport = try await scan("dir:\(alpine.path)")
        let crypto = try #require(alpineReport.matches.first { $0.package.name == "libcrypto3" && $0.vulnerability.id == "CVE-2024-0727" })
        #expect(crypto.vulnerability.namespace == "alpine:3.19")
        #expect(crypto.vulnerability.fixedIn.contains("3.1.4-r5"))
        #expect(crypto.matchType == .exactIndirect)

        let ubuntu = try TemporaryDirectory()
        defer { ubuntu.remove() }
        try ubuntu.write("etc/os-release", "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy\n")
        try ubuntu.write("var/lib/dpkg/status", """
        Package: libssl3
        Status: install ok installed
        Architecture: amd64
        Source: openssl
        Version: 3.0.2-0ubuntu1.6

        Package: openssl
        Status: install ok installed
        Architecture: amd64
        Version: 3.0.2-0ubuntu1.12

        """)
        let ubuntuReport = try await scan("dir:\(ubuntu.path)")
        let usn = ubuntuReport.matches.filter { $0.package.name == "libssl3" && $0.vulnerability.namespace == "ubuntu:22.04" }
        // USN-5710-1 fixed CVE-2022-3602 and CVE-2022-3786 in 3.0.2-0ubuntu1.7.
        let fixed = try #require(usn.first { $0.vulnerability.id == "CVE-2022-3602" })
        #expect(fixed.vulnerability.fixedIn == ["3.0.2-0ubuntu1.7"])
        #expect(fixed.vulnerability.related.contains("USN-5710-1"))
        // The openssl package at 1.12 has every fix this OVAL knows (its last openssl fix is older).
        #expect(!ubuntuReport.matches.contains { $0.package.name == "openssl" && $0.vulnerability.id == "CVE-2022-3602" })
    }
}
