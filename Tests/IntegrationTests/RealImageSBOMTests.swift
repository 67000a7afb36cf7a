import Engine
import Foundation
import ImageSource
import LayerFS
import Model
import Testing
import TestSupport

/// Analyze on the shared test image: what Syft 1.18.1 finds there (147 packages: deb 128,
/// python 15, go-module 2, java-archive 1, npm 1) must be found, honouring the whiteouts.
@Suite(.enabled(if: TestEnvironment.imageAvailable))
struct RealImageSBOMTests {
    func sbom(scope: Scope) async throws -> SBOM {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        return try await Engine(sourceOptions: SourceOptions(cacheDirectory: cache.path)).sbom("oci-dir:\(image)/oci", scope: scope)
    }

    @Test func squashedImageHasSyftsPackageCounts() async throws {
        let sbom = try await sbom(scope: .squashed)
        let counts = Dictionary(grouping: sbom.packages, by: \.type).mapValues(\.count)
        #expect(counts == [.deb: 128, .python: 15, .goModule: 2, .javaArchive: 1, .npm: 1])
        #expect(sbom.distro?.id == "debian")
        #expect(sbom.distro?.majorVersion == "12")
        #expect(!sbom.packages.contains { $0.name == "pyjwt" })

        let requests = try #require(sbom.packages.first { $0.name == "requests" })
        #expect(requests.version == "2.19.1")
        #expect(requests.purl == "pkg:pypi/requests@2.19.1")
        #expect(requests.locations.first?.path == "/usr/local/lib/python3.11/dist-packages/requests-2.19.1.dist-info/METADATA")
        #expect(requests.locations.first?.layer == sbom.source.layers[2])

        // Binary → source mapping that Debian vulnerability matching needs.
        let libssl = try #require(sbom.packages.first { $0.name == "libssl3" })
        guard case .dpkg(let metadata) = libssl.metadata else { Issue.record("libssl3 has no dpkg metadata"); return }
        #expect(metadata.source == "openssl")
        #expect(libssl.purl?.hasPrefix("pkg:deb/debian/libssl3@") == true)
        #expect(libssl.purl?.contains("distro=debian-12") == true)
        #expect(libssl.purl?.contains("upstream=openssl") == true)

        let stdlib = try #require(sbom.packages.first { $0.name == "stdlib" })
        #expect(stdlib.version == "go1.19.8")
        #expect(sbom.packages.contains { $0.name == "github.com/opencontainers/umoci/cmd/umoci" && $0.version == "(devel)" })
        let log4j = try #require(sbom.packages.first { $0.type == .javaArchive })
        #expect(log4j.name == "log4j-core")
        #expect(log4j.version == "2.14.1")
        #expect(log4j.purl == "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
        #expect(sbom.packages.contains { $0.type == .npm && $0.name == "lodash" && $0.version == "4.17.4" })

        // pip from Debian's python3-pip is owned by that deb (so it is matched once, via Debian).
        let pip = try #require(sbom.packages.first { $0.type == .python && $0.name == "pip" })
        let owner = sbom.relationships.first { $0.child == pip.id && $0.kind == .ownershipByFileOverlap }
        #expect(sbom.packages.first { $0.id == owner?.parent }?.name == "python3-pip")
        #expect(!sbom.relationships.contains { $0.child == requests.id && $0.kind == .ownershipByFileOverlap })

        // Every file of the 128 debs' md5sums is as dpkg installed it (a merged /usr resolves
        // /bin/… through its symlink): packages.verify has nothing to report.
        #expect(sbom.files.filter { $0.location.path.hasPrefix("/var/lib/dpkg/info/") && $0.location.path.hasSuffix(".md5sums") }.count >= 100)
        #expect(sbom.packageVerification == [])
    }

    @Test func deletedPackageAppearsOnlyInAllLayers() async throws {
        let sbom = try await sbom(scope: .allLayers)
        let pyjwt = try #require(sbom.packages.first { $0.name == "pyjwt" })
        #expect(pyjwt.version == "1.5.0")
        #expect(pyjwt.locations.first?.layer == sbom.source.layers[2])
    }
}
