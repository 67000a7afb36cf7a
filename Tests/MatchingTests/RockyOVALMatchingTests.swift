import Matching
import Model
import Testing

/// A Rocky Linux 9 rpm matched against a real Rocky OVAL record, through its source rpm.
struct RockyOVALMatchingTests {
    /// What `RedHatOVALTransformer(vendor: .rocky)` makes of RLSA-2023:0946 in
    /// `shared/feeds/rocky/oval/org.rockylinux.rlsa-9.xml.bz2` for the `openssl` rpm (asserted equal
    /// to the transformer's output in `Tests/FeedsTests/RedHatOVALTransformerTests.swift`, whose
    /// `RockyFixture.openssl` is the same value: this target does not depend on Feeds).
    static let openssl = VulnerabilityRecord(
        id: "CVE-2023-0286", namespace: "rocky:9", packageName: "openssl", versionFormat: "rpm", constraint: "< 1:3.0.1-47.el9_1",
        fixedIn: ["1:3.0.1-47.el9_1"], fixState: .fixed, severity: .high, related: ["RLSA-2023:0946"],
        summary: "openssl: X.400 address type confusion in X.509 GeneralName (CVE-2023-0286)",
        urls: ["https://errata.rockylinux.org/RLSA-2023:0946"], source: "rocky-oval", published: "2023-03-29", modified: "2023-03-29")

    static let rocky = Distro(id: "rocky", versionID: "9.3", idLike: ["rhel", "centos", "fedora"])

    /// `openssl-libs`, built from `openssl-<version>-<release>.src.rpm`, with the epoch the rpm header carries.
    static func opensslLibs(epoch: Int, version: String, release: String) -> Package {
        let metadata = RPMMetadata(name: "openssl-libs", epoch: epoch, version: version, release: release, architecture: "x86_64",
                                   sourceRPM: "openssl-\(version)-\(release).src.rpm", vendor: "Rocky Enterprise Software Foundation",
                                   license: "ASL 2.0", modularityLabel: nil, size: nil, files: [])
        return Package(name: "openssl-libs", version: "\(epoch):\(version)-\(release)", type: .rpm, foundBy: "rpm-db-cataloger",
                       locations: [Location(path: "/var/lib/rpm/rpmdb.sqlite", layer: nil)], metadata: .rpm(metadata))
    }

    func match(_ package: Package) -> VulnerabilityMatcher.Result {
        let sbom = SBOM(source: SBOMSource(kind: "image", name: "rockylinux:9"), distro: Self.rocky, packages: [package], relationships: [])
        return VulnerabilityMatcher().match(sbom, provider: InMemoryProvider(records: [Self.openssl]))
    }

    @Test func olderOpenSSLLibsMatchesThroughItsSourceRPM() {
        let result = match(Self.opensslLibs(epoch: 1, version: "3.0.1", release: "43.el9_0"))
        #expect(result.diagnostics.isEmpty)
        #expect(result.matches.map(\.vulnerability.id) == ["CVE-2023-0286"])
        let hit = result.matches.first
        #expect(hit?.matchType == .exactIndirect)
        #expect(hit?.package.name == "openssl-libs")
        #expect(hit?.severity == .high)
        #expect(hit?.explanation.contains("rocky:9") == true)
        #expect(hit?.explanation.contains("1:3.0.1-47.el9_1") == true)
    }

    @Test func fixedOrNewerOpenSSLLibsDoesNotMatch() {
        #expect(match(Self.opensslLibs(epoch: 1, version: "3.0.1", release: "47.el9_1")).matches.isEmpty)
        #expect(match(Self.opensslLibs(epoch: 1, version: "3.0.7", release: "27.el9")).matches.isEmpty)
    }

    @Test func aDifferentReleaseNamespaceDoesNotMatch() {
        let package = Self.opensslLibs(epoch: 1, version: "3.0.1", release: "43.el9_0")
        let sbom = SBOM(source: SBOMSource(kind: "image", name: "rockylinux:8"), distro: Distro(id: "rocky", versionID: "8.9"),
                        packages: [package], relationships: [])
        #expect(VulnerabilityMatcher().match(sbom, provider: InMemoryProvider(records: [Self.openssl])).matches.isEmpty)
    }

    /// os-release ids and `VERSION_ID`s reach the namespaces the OVAL and OSV transformers write.
    @Test(arguments: [
        ("ubuntu", "22.04", "ubuntu:22.04", PackageType.deb), ("ubuntu", "24.04", "ubuntu:24.04", .deb),
        ("rocky", "9.3", "rocky:9", .rpm), ("rhel", "9.2", "rhel:9", .rpm), ("almalinux", "9.4", "almalinux:9", .rpm),
    ])
    func distroNamespaces(id: String, versionID: String, namespace: String, type: PackageType) {
        var record = Self.openssl
        record.namespace = namespace
        record.packageName = "zlib"
        record.versionFormat = type == .deb ? "deb" : "rpm"
        record.constraint = "< 1.3-1"
        let package = Package(name: "zlib", version: "1.2-1", type: type, foundBy: "test", locations: [Location(path: "/x", layer: nil)])
        let sbom = SBOM(source: SBOMSource(kind: "image", name: id), distro: Distro(id: id, versionID: versionID), packages: [package], relationships: [])
        #expect(VulnerabilityMatcher().match(sbom, provider: InMemoryProvider(records: [record])).matches.count == 1)
    }
}
