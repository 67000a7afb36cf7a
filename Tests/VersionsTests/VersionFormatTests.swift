import Testing
@testable import Versions

/// The format enum: stable wire names, parsing in any scheme, the type-erased `Version`.
struct VersionFormatTests {
    @Test func rawValuesAreStable() {
        #expect(VersionFormat.allCases.map(\.rawValue) == ["deb", "apk", "rpm", "semver", "pep440", "maven", "gem", "go", "composer", "nuget", "fuzzy"])
    }

    @Test(arguments: [
        (VersionFormat.deb, "1:2.3-4"), (.apk, "1.2.3-r4"), (.rpm, "1:2.3-4.el9"), (.semver, "1.2.3-rc.1"), (.pep440, "1.2.3rc1"),
        (.maven, "1.2.3-SNAPSHOT"), (.gem, "1.2.3.pre"), (.go, "v1.2.3"), (.composer, "1.2.3-beta1"), (.nuget, "1.2.3.4-beta"),
        (.fuzzy, "1.1.1t"),
    ])
    func parseInEveryFormat(_ format: VersionFormat, _ text: String) throws {
        let version = try format.parse(text)
        #expect(version.format == format)
        #expect(version.description == text)
        #expect(format.isValid(text))
        #expect(try Version(parsing: text, format: format) == version)
        #expect(try VersionFormat(name: format.rawValue) == format)
    }

    @Test func aliases() throws {
        #expect(try VersionFormat(name: "dpkg") == .deb)
        #expect(try VersionFormat(name: "Python") == .pep440)
        #expect(try VersionFormat(name: "golang") == .go)
        #expect(throws: VersionError.unknownFormat("cobol")) { try VersionFormat(name: "cobol") }
        #expect(VersionFormat(osvEcosystem: "Debian:12") == .deb)
        #expect(VersionFormat(osvEcosystem: "Alpine:v3.19") == .apk)
        #expect(VersionFormat(osvEcosystem: "Rocky Linux:9") == .rpm)
        #expect(VersionFormat(osvEcosystem: "PyPI") == .pep440)
        #expect(VersionFormat(osvEcosystem: "crates.io") == .semver)
        #expect(VersionFormat(osvEcosystem: "Packagist") == .composer)
        #expect(VersionFormat(osvEcosystem: "GIT") == nil)
        #expect(VersionFormat(packageType: "python") == .pep440)
        #expect(VersionFormat(packageType: "go-module") == .go)
        #expect(VersionFormat(packageType: "java-archive") == .maven)
        #expect(VersionFormat(packageType: "unknown") == nil)
    }

    @Test func sameTextDiffersByScheme() throws {
        // "1.0" and "1.0.0" are equal in PEP 440, Maven, RubyGems and SemVer, not in dpkg or rpm.
        for format in [VersionFormat.pep440, .maven, .gem, .semver, .nuget, .composer] {
            #expect(try format.parse("1.0").compare(to: format.parse("1.0.0")) == 0, "\(format)")
        }
        for format in [VersionFormat.deb, .rpm, .apk] {
            #expect(try format.parse("1.0").compare(to: format.parse("1.0.0")) == -1, "\(format)")
        }
    }

    @Test func crossFormatComparisonThrows() throws {
        let deb = try VersionFormat.deb.parse("1.0")
        let rpm = try VersionFormat.rpm.parse("1.0")
        #expect(throws: VersionError.self) { try deb.compare(to: rpm) }
        // A stable, meaningless order still lets mixed versions be sorted.
        #expect(deb < rpm)
        #expect(deb != rpm)
    }

    @Test func errorsNameTheInput() {
        #expect(throws: VersionError.invalidVersion("", format: .pep440, reason: "does not match PEP 440's version pattern")) {
            try VersionFormat.pep440.parse("")
        }
        let error = VersionError.invalidVersion("x y", format: .deb, reason: "version string has embedded spaces")
        #expect(error.description == "invalid deb version \"x y\": version string has embedded spaces")
    }

    @Test func versionsWorkAsKeys() throws {
        let versions = try ["1.0", "1.0.0", "1", "v1.0"].map { try VersionFormat.pep440.parse($0) }
        #expect(Set(versions).count == 1)
        let debs = try ["1.0", "1.00", "0:1.0", "1.0-0"].map { try VersionFormat.deb.parse($0) }
        #expect(Set(debs).count == 1)
    }
}
