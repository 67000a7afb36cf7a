import Foundation
import Model
import SBOMFormats
import Testing

/// Importing SBOMs: our own CycloneDX and SPDX read back, and real Syft JSON.
struct SBOMDecoderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func encoded(_ format: SBOMFormat) throws -> [UInt8] {
        try format.encode(SampleSBOM.sbom, timestamp: "2026-01-01T00:00:00Z", serial: "00000000-0000-4000-8000-000000000000")
    }

    @Test func cycloneDXRoundTripKeepsIdentityLocationsAndOwnership() throws {
        let original = SampleSBOM.sbom
        let decoded = try SBOMDecoder.decode(try encoded(.cyclonedxJSON))
        #expect(decoded.packages.map(\.name) == original.packages.map(\.name))
        #expect(decoded.packages.map(\.version) == original.packages.map(\.version))
        #expect(decoded.packages.map(\.type) == original.packages.map(\.type))
        #expect(decoded.packages.map(\.purl) == original.packages.map(\.purl))
        #expect(decoded.packages.map(\.locations) == original.packages.map(\.locations))
        #expect(decoded.packages.map(\.supplier) == original.packages.map(\.supplier))
        #expect(decoded.packages.map(\.cpes) == original.packages.map(\.cpes))
        #expect(decoded.packages.map(\.id) == original.packages.map(\.id))
        #expect(decoded.relationships == original.relationships)
        #expect(decoded.distro?.id == "debian")
        #expect(decoded.distro?.versionID == "12")
        #expect(decoded.source.manifestDigest == original.source.manifestDigest)
    }

    @Test func spdxRoundTripKeepsPackagesAndIdentifiers() throws {
        let original = SampleSBOM.sbom
        let decoded = try SBOMDecoder.decode(try encoded(.spdxJSON))
        #expect(decoded.packages.map(\.name) == original.packages.map(\.name))
        #expect(decoded.packages.map(\.version) == original.packages.map(\.version))
        #expect(decoded.packages.map(\.type) == original.packages.map(\.type))
        #expect(decoded.packages.map(\.purl) == original.packages.map(\.purl))
        #expect(decoded.packages.map(\.cpes) == original.packages.map(\.cpes))
        #expect(decoded.packages[1].supplier == "Jane Doe (jane@example.org)")
        #expect(decoded.packages[2].supplier == nil)
        #expect(decoded.source.name == original.source.name)
    }

    @Test func syftJSONRoundTripKeepsPackagesAndRelationships() throws {
        let original = SampleSBOM.sbom
        let decoded = try SBOMDecoder.decode(try encoded(.syftJSON))
        #expect(decoded.packages.map(\.name) == original.packages.map(\.name))
        #expect(decoded.packages.map(\.type) == original.packages.map(\.type))
        #expect(decoded.packages.map(\.purl) == original.packages.map(\.purl))
        #expect(decoded.packages.map(\.locations) == original.packages.map(\.locations))
        #expect(decoded.packages.map(\.licenses) == original.packages.map(\.licenses))
        #expect(decoded.relationships == original.relationships)
        #expect(decoded.distro?.versionCodename == "bookworm")
    }

    @Test func nativeJSONIsRecognised() throws {
        #expect(try SBOMDecoder.decode(try encoded(.hawserJSON)) == SampleSBOM.sbom)
    }

    @Test func syftJSONImportsArtifactsAndDistro() throws {
        let dpkg = try SBOMDecoder.decode(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("syft-dpkg.json"))))
        #expect(dpkg.packages.count == 1)
        let pam = try #require(dpkg.packages.first)
        #expect(pam.name == "libpam-runtime")
        #expect(pam.version == "1.1.8-3.6")
        #expect(pam.type == .deb)
        #expect(pam.purl == "pkg:deb/debian/libpam-runtime@1.1.8-3.6?arch=all&distro=debian-12&upstream=pam")
        #expect(pam.licenses == ["GPL-1", "GPL-2", "LGPL-2.1"])
        #expect(pam.foundBy == "dpkg-db-cataloger")
        #expect(dpkg.distro?.id == "debian")
        #expect(dpkg.distro?.versionCodename == "bookworm")

        let python = try SBOMDecoder.decode(Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("syft-python-site-packages.json"))))
        #expect(python.packages.count == 2)
        #expect(python.packages.allSatisfy { $0.name == "pygments" && $0.version == "2.6.1" && $0.type == .python })
        #expect(Set(python.packages.map { $0.locations.first?.path }) == ["/with-license-file-declared.dist-info/METADATA",
                                                                           "/without-license-file-declared.dist-info/METADATA"])
    }

    @Test func unknownDocumentsAreRefusedClearly() {
        #expect(throws: SBOMDecoder.Failure.self) { try SBOMDecoder.decode(Array("not json".utf8)) }
        #expect {
            try SBOMDecoder.decode(Array(#"{"hello": "world"}"#.utf8))
        } throws: { error in
            (error as? SBOMDecoder.Failure)?.description.contains("unrecognised SBOM") == true
        }
        #expect {
            try SBOMDecoder.decode(Array(#"{"spdxVersion": "SPDX-2.3"}"#.utf8))
        } throws: { error in
            (error as? SBOMDecoder.Failure)?.description.contains("no packages") == true
        }
    }
}
