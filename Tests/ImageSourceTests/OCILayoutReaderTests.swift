import Foundation
@testable import ImageSource
import Model
import TestSupport
import Testing

/// OCI image layout directories (image-spec image-layout.md), written by `ImageLayoutBuilder`:
/// one image, several named images, and a nested multi-platform index.
@Suite struct OCILayoutReaderTests {
    static let amd64 = Platform(os: "linux", architecture: "amd64")
    static let arm64 = Platform(os: "linux", architecture: "arm64", variant: "v8")

    @Test func singleImageIsDescribedWithItsDigestsAndLayerRegions() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let written = try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("latest")], to: layout)
        let image = try await LayoutFixtures.load("oci-dir:\(layout)", in: directory)

        #expect(image.sourceKind == "oci-dir")
        #expect(image.source == "oci-dir:\(layout)")
        #expect(image.manifestDigest == written.manifestDigests[0])
        #expect(image.manifestMediaType == MediaType.ociManifest)
        #expect(image.configDigest == written.configDigests[0])
        #expect(image.platform == Self.amd64)
        #expect(image.configuration.config?.user == "root")
        #expect(image.tags == ["latest"])
        #expect(image.layers.map(\.descriptor.digest) == written.layerDigests[0])
        #expect(image.layers.map(\.diffID) == written.diffIDs[0])
        #expect(image.layers.map(\.descriptor.mediaType) == [MediaType.ociLayerGzip, MediaType.ociLayerZstd])
        for layer in image.layers {
            #expect(layer.region.path == "\(layout)/blobs/sha256/\(layer.descriptor.digest.encoded)")
            #expect(layer.region.offset == 0)
            #expect(layer.region.length == layer.descriptor.size)
            #expect(Digest.sha256(of: try LayoutFixtures.bytes(of: layer.region)) == layer.descriptor.digest)
            // Layout blobs are read in place and checked later, while LayerFS reads them.
            #expect(layer.digestVerified == false)
        }
    }

    @Test func twoNamedImagesWithoutAReferenceIsAnErrorListingTheNames() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("v1"), LayoutFixtures.image("v2")], to: layout)
        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-dir:\(layout)", in: directory) }
        guard case .noMatchingImage(let what, let reason)? = error else {
            Issue.record("two differently named images and no reference must not pick one silently; got \(String(describing: error))")
            return
        }
        #expect(what == layout)
        #expect(reason.contains("v1") && reason.contains("v2"), "reason should list the names: \(reason)")
    }

    @Test func twoUnnamedPlatformlessImagesWithoutAReferenceIsAnError() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("v1"), LayoutFixtures.image("v2")], to: layout)
        // The same layout with index entries that declare no platform.
        let indexPath = layout + "/index.json"
        var index = try JSONDecoder().decode(ImageIndex.self, from: Data(contentsOf: URL(fileURLWithPath: indexPath)))
        for position in index.manifests.indices { index.manifests[position].platform = nil }
        try HandWrittenLayout(at: layout).writeIndex(index.manifests)

        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-dir:\(layout)", in: directory) }
        guard case .noMatchingImage(_, let reason)? = error else {
            Issue.record("expected .noMatchingImage, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("v1") && reason.contains("v2"), "reason should list the names: \(reason)")
    }

    @Test func referenceSuffixPicksTheNamedImage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let written = try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("v1"), LayoutFixtures.image("v2")], to: layout)

        let second = try await LayoutFixtures.load("oci-dir:\(layout):v2", in: directory)
        #expect(second.manifestDigest == written.manifestDigests[1])
        #expect(second.configDigest == written.configDigests[1])
        #expect(second.layers.map(\.diffID) == written.diffIDs[1])
        #expect(second.tags == ["v2"])

        let first = try await LayoutFixtures.load("oci-dir:\(layout):v1", in: directory)
        #expect(first.manifestDigest == written.manifestDigests[0])

        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-dir:\(layout):v3", in: directory) }
        guard case .noMatchingImage(_, let reason)? = error else {
            Issue.record("expected .noMatchingImage, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("v3"))
        #expect(reason.contains("v1, v2"))
    }

    @Test(arguments: [
        (requested: "linux/arm64/v8", expectedIndex: 1),
        (requested: "linux/arm64", expectedIndex: 1),
        (requested: "linux/aarch64", expectedIndex: 1),
        (requested: "linux/amd64", expectedIndex: 0),
        (requested: "linux/x86_64", expectedIndex: 0),
    ])
    func nestedIndexSelectsTheRequestedPlatform(_ testCase: (requested: String, expectedIndex: Int)) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let images = [LayoutFixtures.image("multi", platform: Self.amd64), LayoutFixtures.image("multi", platform: Self.arm64)]
        let written = try ImageLayoutBuilder().writeOCILayout(images, to: layout, asIndex: true)
        let image = try await LayoutFixtures.load("oci-dir:\(layout)", platform: try Platform(parsing: testCase.requested), in: directory)
        #expect(image.manifestDigest == written.manifestDigests[testCase.expectedIndex])
        #expect(image.configDigest == written.configDigests[testCase.expectedIndex])
        #expect(image.platform == [Self.amd64, Self.arm64][testCase.expectedIndex])
        #expect(image.layers.map(\.diffID) == written.diffIDs[testCase.expectedIndex])
        // The nested entries inherit the top-level reference name.
        #expect(image.tags == ["latest"])
    }

    @Test func unknownPlatformIsAnErrorListingTheAvailableOnes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let images = [LayoutFixtures.image("multi", platform: Self.amd64), LayoutFixtures.image("multi", platform: Self.arm64)]
        try ImageLayoutBuilder().writeOCILayout(images, to: layout, asIndex: true)
        let error = await #expect(throws: ImageSourceError.self) {
            try await LayoutFixtures.load("oci-dir:\(layout)", platform: Platform(os: "linux", architecture: "s390x"), in: directory)
        }
        guard case .noMatchingImage(_, let reason)? = error else {
            Issue.record("expected .noMatchingImage, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("linux/s390x"))
        #expect(reason.contains("linux/amd64"))
        #expect(reason.contains("linux/arm64/v8"))
    }

    @Test func singleImageForAnotherPlatformIsRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("latest", platform: Self.arm64)], to: layout)
        let error = await #expect(throws: ImageSourceError.self) {
            try await LayoutFixtures.load("oci-dir:\(layout)", platform: Self.amd64, in: directory)
        }
        guard case .noMatchingImage? = error else {
            Issue.record("expected .noMatchingImage, got \(String(describing: error))")
            return
        }
    }

    @Test func missingOrNonDirectoryPathIsReported() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path + "/missing"
        await #expect(throws: ImageSourceError.fileNotFound(path: missing)) {
            try await LayoutFixtures.load(.ociDirectory(path: missing, reference: nil), in: directory)
        }
        let file = try directory.write("file", "x")
        let error = await #expect(throws: ImageSourceError.self) {
            try await LayoutFixtures.load(.ociDirectory(path: file, reference: nil), in: directory)
        }
        guard case .invalidSource? = error else {
            Issue.record("expected .invalidSource, got \(String(describing: error))")
            return
        }
    }

    @Test func directorySourceIsPassedThrough() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let loaded = try await LayoutFixtures.loader(directory).load(try SourceSpecifier(parsing: "dir:\(directory.path)"))
        guard case .directory(let path) = loaded else {
            Issue.record("expected a directory, got \(loaded)")
            return
        }
        #expect(path == directory.path)
    }
}
