import Feeds
import Foundation
import Model
import Testing
import TestSupport
import Versions

/// The OSV transformer on the real PyPI, Go, crates.io and AlmaLinux dumps in ../shared/feeds.
@Suite struct OSVTransformerTests {
    static let pypi = Result { try OSVTransformer().transform(archiveAt: OSVFixtures.osvArchive("PyPI")) }

    private func record(_ result: OSVTransformResult, _ id: String, _ package: String) throws -> VulnerabilityRecord {
        try #require(result.records.first { $0.id == id && $0.packageName == package }, "\(id) \(package)")
    }

    @Test func pypiTotals() throws {
        let result = try Self.pypi.get()
        let stats = result.statistics
        #expect(stats.documents == 7_080)
        #expect(stats.withdrawn == 269)
        #expect(stats.duplicates == 0)
        #expect(stats.transformed + stats.withdrawn + stats.informational + stats.rejected == 7_080)
        // Rejected, each with a diagnostic naming it: 11 records with only GIT ranges and no versions
        // list, and 23 whose only range uses versions that are not PEP 440 (`2.6.0-NA`, `7.2.0-12.1`).
        #expect(stats.rejected == 34)
        let named = Set(result.diagnostics.map(\.record))
        let transformed = Set(result.records.map(\.id))
        #expect(named.subtracting(transformed).count == 34)
        #expect(result.diagnostics.contains { $0.record == "PYSEC-2025-189" && $0.message.contains("2.6.0-cu124") })
        #expect(Set(result.records.map(\.namespace)) == ["pypi"])
        #expect(Set(result.records.map(\.versionFormat)) == ["pep440"])
        #expect(result.records.allSatisfy { $0.source == "osv" })
    }

    @Test func everyConstraintParsesInItsScheme() throws {
        let result = try Self.pypi.get()
        var failures: [String] = []
        for record in result.records {
            let scheme = try VersionFormat(name: record.versionFormat)
            if (try? VersionConstraint(parsing: record.constraint, scheme: scheme)) == nil {
                failures.append("\(record.id): \(record.constraint)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test(arguments: [
        // (record, package, alias, a vulnerable version, the fixed version, constraint fragment)
        ("PYSEC-2018-28", "requests", "CVE-2018-18074", "2.19.1", "2.20.0", "< 2.20.0"),
        ("PYSEC-2019-133", "urllib3", "CVE-2019-11324", "1.24.1", "1.24.2", "< 1.24.2"),
        ("PYSEC-2021-142", "pyyaml", "CVE-2020-14343", "5.3.1", "5.4", "< 5.4"),
        ("PYSEC-2019-217", "jinja2", "CVE-2019-10906", "2.10", "2.10.1", "< 2.10.1"),
        ("PYSEC-2021-333", "sqlparse", "CVE-2021-32839", "0.4.1", "0.4.2", ">= 0.4.0, < 0.4.2"),
    ])
    func knownPyPIRecords(id: String, package: String, alias: String, vulnerable: String, fixed: String, fragment: String) throws {
        let record = try record(Self.pypi.get(), id, package)
        #expect(record.namespace == "pypi")
        #expect(record.aliases.contains(alias))
        #expect(record.constraint.contains(fragment), "\(record.constraint)")
        #expect(record.fixedIn == [fixed])
        #expect(record.fixState == .fixed)
        let constraint = try VersionConstraint(parsing: record.constraint, scheme: .pep440)
        #expect(try constraint.satisfied(by: vulnerable))
        #expect(try !constraint.satisfied(by: fixed))
    }

    @Test func pypiNamesArePEP503AndCVSSIsScored() throws {
        let result = try Self.pypi.get()
        #expect(result.records.allSatisfy { $0.packageName == OSVEcosystem.pep503($0.packageName) })
        let scores = result.records.flatMap(\.cvss)
        #expect(scores.contains { $0.version == "3.1" && $0.baseScore != nil })
        #expect(scores.contains { $0.version == "4.0" && $0.baseScore != nil })
        #expect(!result.diagnostics.contains { $0.message.contains("severity CVSS") }, "\(result.diagnostics.filter { $0.message.contains("severity CVSS") }.prefix(3))")
    }

    @Test func goStdlibAndModules() throws {
        let result = try OSVTransformer().transform(archiveAt: OSVFixtures.osvArchive("Go"))
        #expect(result.statistics.documents == 4_291)
        #expect(result.statistics.withdrawn == 17)
        #expect(Set(result.records.map(\.namespace)) == ["go"])
        #expect(Set(result.records.map(\.versionFormat)) == ["go"])
        let stdlib = result.records.filter { $0.packageName == "stdlib" }
        #expect(stdlib.count >= 150)
        // Every stdlib constraint reads as Go versions, and toolchain names compare with them.
        for record in stdlib {
            let constraint = try VersionConstraint(parsing: record.constraint, scheme: .go)
            _ = try constraint.satisfied(by: "go1.21.0")
        }
        #expect(result.records.contains { $0.packageName == "golang.org/x/net" })
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
    }

    @Test func cratesIO() throws {
        let result = try OSVTransformer().transform(archiveAt: OSVFixtures.osvArchive("crates.io"))
        let stats = result.statistics
        #expect(stats.documents == 1_206)
        #expect(stats.withdrawn == 13)
        #expect(stats.informational > 400)
        #expect(stats.transformed + stats.withdrawn + stats.informational + stats.rejected == 1_206)
        let openssl = try record(result, "RUSTSEC-2016-0001", "openssl")
        #expect(openssl.namespace == "crates.io")
        #expect(openssl.versionFormat == "semver")
        #expect(openssl.fixedIn == ["0.9.0"])
        #expect(openssl.cvss == [CVSSScore(version: "3.0", vector: "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 8.1, source: nil)])
        #expect(try VersionConstraint(parsing: openssl.constraint, scheme: .semver).satisfied(by: "0.8.3"))
    }

    @Test func almaLinuxNamespacesAndRPMVersions() throws {
        let result = try OSVTransformer().transform(archiveAt: OSVFixtures.osvArchive("AlmaLinux"))
        #expect(result.statistics.documents == 5_637)
        #expect(Set(result.records.map(\.namespace)) == ["almalinux:8", "almalinux:9", "almalinux:10"])
        #expect(Set(result.records.map(\.versionFormat)) == ["rpm"])
        #expect(result.records.contains { $0.fixedIn.contains { $0.contains(":") } })
        // Severity comes from the summary prefix ("Important: …"); CVEs are in `related`.
        #expect(result.records.contains { $0.severity == .high })
        #expect(result.records.contains { $0.related.contains { $0.hasPrefix("CVE-") } })
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
    }

    @Test(arguments: [
        ("PyPI", "pypi"), ("Go", "go"), ("crates.io", "crates.io"), ("npm", "npm"), ("Maven", "maven"),
        ("RubyGems", "rubygems"), ("Packagist", "packagist"), ("NuGet", "nuget"),
        ("AlmaLinux:8", "almalinux:8"), ("Rocky Linux:9", "rocky:9"), ("Debian:12", "debian:12"),
        ("Ubuntu:22.04:LTS", "ubuntu:22.04"), ("Ubuntu:24.04", "ubuntu:24.04"), ("Alpine:v3.19", "alpine:3.19"),
    ])
    func namespaces(ecosystem: String, namespace: String) throws {
        #expect(try #require(OSVEcosystem(ecosystem)).namespace == namespace)
    }

    @Test func packageNames() throws {
        #expect(try #require(OSVEcosystem("PyPI")).normalizedPackageName("Foo.Bar__baz") == "foo-bar-baz")
        #expect(try #require(OSVEcosystem("Maven")).normalizedPackageName("org.apache.logging.log4j:log4j-core") == "org.apache.logging.log4j:log4j-core")
        #expect(try #require(OSVEcosystem("Go")).normalizedPackageName("github.com/BurntSushi/toml") == "github.com/BurntSushi/toml")
        #expect(OSVEcosystem("GIT") == nil)
    }

    @Test func truncatedArchiveThrowsNamingTheFile() throws {
        let bytes = try Data(contentsOf: OSVFixtures.osvArchive("crates.io"))
        let directory = try TemporaryDirectory("osv-truncated")
        defer { directory.remove() }
        let path = try directory.write("all.zip", Array(bytes.prefix(bytes.count / 2)))
        #expect {
            try OSVTransformer().transform(archiveAt: URL(fileURLWithPath: path))
        } throws: { error in
            guard case OSVError.unreadableArchive(let failing, _) = error else { return false }
            return failing == path
        }
        // Damage inside a member (a CRC mismatch) throws as well.
        var corrupt = bytes
        corrupt[corrupt.startIndex + 200] ^= 0xFF
        #expect(throws: OSVError.self) { try OSVTransformer().transform(archiveData: corrupt, path: "crates.io/all.zip") }
    }

    @Test func unknownRangeTypeIsADiagnosticAndTheRestContinues() throws {
        let json = """
        {"id": "TEST-2024-1", "modified": "2024-01-02T03:04:05Z",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo_Pkg"},
                       "ranges": [{"type": "MYSTERY", "events": [{"introduced": "0"}]},
                                  {"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"last_affected": "1.4"}]}]}]}
        """
        let result = OSVTransformer().transform(document: Data(json.utf8), path: "TEST-2024-1.json")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.record == "TEST-2024-1")
        #expect(result.diagnostics.first?.message.contains("MYSTERY") == true)
        let record = try #require(result.records.first)
        #expect(record.packageName == "demo-pkg")
        #expect(record.constraint == ">= 1.0, <= 1.4")
        #expect(record.fixState == .notFixed)
        #expect(record.fixedIn.isEmpty)
    }

    @Test func malformedDocumentIsADiagnosticNamingIt() {
        let result = OSVTransformer().transform(document: Data(#"{"id": "BAD-1", "affected": [{"ranges": 7}]}"#.utf8), path: "BAD-1.json")
        #expect(result.records.isEmpty)
        #expect(result.statistics.rejected == 1)
        #expect(result.diagnostics.map(\.record) == ["BAD-1"])
    }

    @Test func versionsListAddsOnlyMissingVersions() throws {
        let json = """
        {"id": "TEST-2", "affected": [{"package": {"ecosystem": "PyPI", "name": "x"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.2"}]}],
          "versions": ["1.0", "1.1", "0.9rc1"]}],
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
         "database_specific": {"severity": "MODERATE"}}
        """
        let record = try #require(OSVTransformer().transform(document: Data(json.utf8), path: "t").records.first)
        #expect(record.constraint == ">= 1.0, < 1.2 || = 0.9rc1")
        #expect(record.severity == .medium)
        #expect(record.cvss.first?.baseScore == 9.8)
    }

    @Test func withdrawnIsSkippedWithoutDiagnostic() {
        let json = #"{"id": "W-1", "withdrawn": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "x"}, "versions": ["1.0"]}]}"#
        let result = OSVTransformer().transform(document: Data(json.utf8), path: "W-1.json")
        #expect(result.records.isEmpty && result.diagnostics.isEmpty)
        #expect(result.statistics.withdrawn == 1)
    }

    /// The vuls-data-update fixtures put members under `all/` and include directory entries.
    @Test func lenientMemberPaths() throws {
        let samples = OSVFixtures.feed("samples/osv/vuls-data-update")
        let names = try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted()
        var documents = 0
        for name in names {
            let url = samples.appendingPathComponent("\(name)/osv/all.zip")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let result = try OSVTransformer().transform(archiveAt: url)
            documents += result.statistics.documents
        }
        #expect(documents > 0)
    }

    @Test func timingOfAllFourEcosystems() throws {
        let clock = ContinuousClock()
        var records = 0
        var lines: [String] = []
        let elapsed = try clock.measure {
            for ecosystem in ["PyPI", "Go", "crates.io", "AlmaLinux"] {
                let start = clock.now
                let count = try OSVTransformer().transform(archiveAt: OSVFixtures.osvArchive(ecosystem)).records.count
                lines.append("\(ecosystem): \(count) records in \(clock.now - start)")
                records += count
            }
        }
        print("OSV transform PyPI+Go+crates.io+AlmaLinux: \(records) records in \(elapsed) (\(lines.joined(separator: "; ")))")
        #expect(records > 70_000)
    }
}

@Suite struct OSVModifiedIndexTests {
    @Test func pypiIndex() throws {
        let url = OSVFixtures.feed("osv/PyPI/modified_id.csv")
        let entries = try OSVModifiedIndex.parse(String(contentsOf: url, encoding: .utf8), path: url.path)
        #expect(entries.count == 7_080)
        #expect(entries.first?.id == "PYSEC-2025-19")
        let since = try #require(OSVModifiedIndex.parseTimestamp("2026-07-01T00:00:00Z"))
        #expect(OSVModifiedIndex.changed(entries, since: since).count > 0)
    }

    @Test func rootIndexCarriesEcosystems() throws {
        let url = OSVFixtures.feed("osv/modified_id.csv")
        let entries = try OSVModifiedIndex.parse(String(contentsOf: url, encoding: .utf8), path: url.path)
        #expect(Set(entries.compactMap(\.ecosystem)) == ["PyPI", "Go", "crates.io", "AlmaLinux"])
        #expect(entries.contains { $0.id.hasPrefix("ALSA-") && $0.id.contains(":") })
    }

    @Test func timestamps() throws {
        let plain = try #require(OSVModifiedIndex.parseTimestamp("2026-07-23T14:34:38Z"))
        let fractional = try #require(OSVModifiedIndex.parseTimestamp("2026-07-23T14:34:38.042882Z"))
        let offset = try #require(OSVModifiedIndex.parseTimestamp("2026-07-23T16:34:38+02:00"))
        #expect(plain.timeIntervalSince1970 == 1_784_817_278)
        #expect(fractional > plain && fractional.timeIntervalSince(plain) < 0.05)
        #expect(offset == plain)
        #expect(OSVModifiedIndex.parseTimestamp("2026-07-23 nope") == nil)
        #expect(throws: OSVError.self) { try OSVModifiedIndex.parse("garbage\n", path: "x.csv") }
    }
}

extension OSVTransformerTests {
    /// The `versions` list only adds versions the ranges miss, so constraints stay short.
    @Test func constraintsStayCompact() throws {
        let result = try Self.pypi.get()
        let longest = try #require(result.records.max { $0.constraint.count < $1.constraint.count })
        print("longest PyPI constraint: \(longest.id) \(longest.packageName) \(longest.constraint.count) characters")
        let withListed = result.records.filter { $0.constraint.contains("|| =") || $0.constraint.hasPrefix("=") }
        print("PyPI records with listed versions outside the ranges: \(withListed.count) of \(result.records.count)")
        #expect(longest.constraint.count < 20_000)
    }
}
