import Matching
import Model
import Testing
import Versions

/// CPE matching of the packages no ecosystem feed covers, against `nvd:cpe` records shaped as the
/// NVD transformer writes them (`vendor:product`, `fuzzy` constraints).
struct CPEMatcherTests {
    /// CVE-2022-24834 (Redis Lua cjson heap overflow): the ranges and CNA score of the CVE record in
    /// ../shared/feeds/cve5 (CISA's ADP gives the CPE `cpe:2.3:a:redis:redis`).
    static let redis = VulnerabilityRecord(
        id: "CVE-2022-24834", namespace: "nvd:cpe", packageName: "redis:redis", versionFormat: "fuzzy",
        constraint: ">= 7.0.0, < 7.0.12 || >= 6.2.0, < 6.2.13 || >= 6.0.0, < 6.0.20", fixedIn: ["7.0.12", "6.2.13", "6.0.20"],
        fixState: .fixed, severity: .high,
        cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", baseScore: 7.0, source: "security-advisories@github.com")],
        source: "nvd")

    /// CVE-2021-44228's `apache:log4j` record as the NVD transformer writes it from the sample page
    /// ../shared/feeds/samples/nvd/vuls-data-update/nvd/api/cve/ssvc_affected/0-1.json.
    static let log4j = VulnerabilityRecord(
        id: "CVE-2021-44228", namespace: "nvd:cpe", packageName: "apache:log4j", versionFormat: "fuzzy",
        constraint: ">= 2.0.1, < 2.3.1 || >= 2.4.0, < 2.12.2 || >= 2.13.0, < 2.15.0 || = 2.0 || = 2.0-beta9 || = 2.0-rc1 || = 2.0-rc2",
        fixedIn: ["2.3.1", "2.12.2", "2.15.0"], fixState: .fixed, severity: .critical,
        cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", baseScore: 10.0, source: "nvd@nist.gov")],
        source: "nvd")

    /// NVD marks `cisco:fog_director` (version `-`) affected at every version.
    static let unversioned = VulnerabilityRecord(
        id: "CVE-2021-44228", namespace: "nvd:cpe", packageName: "cisco:fog_director", versionFormat: "fuzzy", constraint: "",
        fixState: .unknown, severity: .critical, source: "nvd")

    static let provider = InMemoryProvider(records: [redis, log4j, unversioned], knownExploited: ["CVE-2021-44228"])

    /// A redis-server found by the binary classifier, with the classifier's two CPEs.
    static func redisBinary(_ version: String) -> Package {
        Package(name: "redis", version: version, type: .binary, foundBy: "binary-classifier-cataloger", purl: "pkg:generic/redis@\(version)",
                cpes: [CPE.make(vendor: "redislabs", product: "redis", version: version), CPE.make(vendor: "redis", product: "redis", version: version)],
                locations: [Location(path: "/usr/local/bin/redis-server", layer: nil)])
    }

    /// A jar: with Maven coordinates when `group` is given, otherwise only its manifest and CPE guesses.
    static func jar(_ artifact: String, _ version: String, group: String?) -> Package {
        Package(name: artifact, version: version, type: .javaArchive, foundBy: "java-archive-cataloger",
                purl: "pkg:maven/\(group ?? artifact)/\(artifact)@\(version)",
                cpes: CPE.candidates(vendors: ["apache", artifact], products: [artifact, "log4j"], version: version),
                locations: [Location(path: "/app/lib/\(artifact)-\(version).jar", layer: nil)], language: "java",
                metadata: .javaArchive(JavaArchiveMetadata(virtualPath: "/app/lib/\(artifact)-\(version).jar", manifest: [:],
                                                           groupID: group, artifactID: artifact)))
    }

    func match(_ packages: [Package]) -> VulnerabilityMatcher.Result {
        VulnerabilityMatcher().match(SBOM(source: SBOMSource(kind: "image", name: "test"), distro: nil, packages: packages, relationships: []),
                                     provider: Self.provider)
    }

    @Test func binaryInARangeMatchesByCPE() throws {
        let result = match([Self.redisBinary("7.0.4")])
        #expect(result.diagnostics.isEmpty)
        #expect(result.matches.map(\.vulnerability.id) == ["CVE-2022-24834"])
        let hit = try #require(result.matches.first)
        #expect(hit.matchType == .cpe)
        #expect(hit.matchType.rawValue == "cpe-match")
        #expect(hit.confidence == 0.5)
        #expect(hit.severity == .high)
        #expect(hit.explanation.contains("cpe:2.3:a:redis:redis:7.0.4"))
        #expect(hit.explanation.contains("7.0.0 ≤ v < 7.0.12"))
        #expect(hit.explanation.contains("[fuzzy]"))
        #expect(hit.explanation.contains("fixed in 7.0.12"))
    }

    @Test(arguments: ["7.0.12", "6.2.13", "7.2.4", "5.0.14"])
    func fixedOrUnaffectedBinaryDoesNotMatch(_ version: String) {
        #expect(match([Self.redisBinary(version)]).matches.isEmpty, "redis \(version)")
    }

    @Test func jarWithoutMavenGroupMatchesByCPE() throws {
        let result = match([Self.jar("log4j", "2.14.1", group: nil)])
        let hit = try #require(result.matches.first)
        #expect(result.matches.count == 1)
        #expect(hit.vulnerability.id == "CVE-2021-44228")
        #expect(hit.matchType == .cpe)
        #expect(hit.knownExploited)
        #expect(hit.explanation.contains("apache:log4j"))
        #expect(match([Self.jar("log4j", "2.17.1", group: nil)]).matches.isEmpty)
        #expect(match([Self.jar("log4j", "2.0-rc1", group: nil)]).matches.count == 1)
    }

    @Test func jarWithMavenCoordinatesGetsNoCPEMatches() {
        // Its CPEs would hit the NVD record, but the java matcher owns it: only Maven advisories count.
        let jar = Self.jar("log4j-core", "2.14.1", group: "org.apache.logging.log4j")
        #expect(jar.cpes.contains("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*"))
        #expect(match([jar]).matches.isEmpty)
        #expect(Matchers.all.first { $0.handles(jar) }?.name == "java-matcher")
        #expect(Matchers.all.first { $0.handles(Self.jar("log4j", "2.14.1", group: nil)) }?.name == "cpe-matcher")
        #expect(Matchers.all.first { $0.handles(Self.redisBinary("7.0.4")) }?.name == "cpe-matcher")
    }

    @Test func packagesOfOtherEcosystemsAreNotCPEMatched() {
        var python = Fixture.python("redis", "7.0.4")
        python.cpes = [CPE.make(vendor: "redis", product: "redis", version: "7.0.4")]
        #expect(match([python]).matches.isEmpty)
    }

    @Test func everyVersionRecordsMatchWithLowerConfidence() throws {
        let package = Package(name: "fog_director", version: "1.0", type: .binary, foundBy: "binary-classifier-cataloger",
                              cpes: [CPE.make(vendor: "cisco", product: "fog_director", version: "1.0")],
                              locations: [Location(path: "/opt/fog", layer: nil)])
        let hit = try #require(match([package]).matches.first)
        #expect(hit.confidence == 0.3)
        #expect(hit.explanation.contains("every version"))
    }

    @Test func cpeParsingAndKeys() throws {
        let formatted = try #require(CPE.Attributes(parsing: "cpe:2.3:a:cisco:dna_spaces\\:_connector:12.6\\(1\\):-:*:*:*:*:*:*"))
        #expect(formatted.part == "a")
        #expect(formatted.product == .literal("dna_spaces:_connector"))
        #expect(formatted.version == .literal("12.6(1)"))
        #expect(formatted.update == .notApplicable)
        #expect(formatted.edition == .any)
        #expect(formatted.vendorProduct == "cisco:dna_spaces\\:_connector")
        // The 2.2 URI binding gives the same key.
        let uri = try #require(CPE.Attributes(parsing: "cpe:/a:Redis:redis:7.0.4"))
        #expect(uri.vendorProduct == "redis:redis")
        #expect(uri.version.text == "7.0.4")
        #expect(CPE.Attributes(parsing: "cpe:2.3:a:too:few") == nil)
        #expect(CPE.Attributes(parsing: "pkg:generic/redis@7.0.4") == nil)
        #expect(CPE.Attributes(parsing: "cpe:2.3:x:acme:thing:*:*:*:*:*:*:*:*") == nil)
    }
}
