import Foundation
@testable import ImageSource
import Model
import TestSupport
import Testing

/// An oci-archive is an OCI layout in a tar: the same manifest, read in place from the tarball.
@Suite struct OCIArchiveReaderTests {
    @Test func archiveDescribesTheSameImageAsItsLayout() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let archive = directory.path + "/image.tar"
        let written = try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("latest", compressions: [.gzip, .zstd, .none])], to: layout)
        try ImageLayoutBuilder.archive(directory: layout, to: archive)

        let fromLayout = try await LayoutFixtures.load("oci-dir:\(layout)", in: directory)
        let fromArchive = try await LayoutFixtures.load("oci-archive:\(archive)", in: directory)
        #expect(fromArchive.sourceKind == "oci-archive")
        #expect(fromArchive.manifestDigest == written.manifestDigests[0])
        #expect(fromArchive.manifestDigest == fromLayout.manifestDigest)
        #expect(fromArchive.configDigest == fromLayout.configDigest)
        #expect(fromArchive.configuration == fromLayout.configuration)
        #expect(fromArchive.tags == ["latest"])
        #expect(fromArchive.layers.map(\.descriptor) == fromLayout.layers.map(\.descriptor))
        #expect(fromArchive.layers.map(\.diffID) == written.diffIDs[0])

        for (inArchive, inLayout) in zip(fromArchive.layers, fromLayout.layers) {
            #expect(inArchive.region.path == archive)
            #expect(inArchive.region.offset > 0)
            #expect(inArchive.region.offset % 512 == 0, "tar member data starts on a block boundary")
            #expect(inArchive.region.length == inArchive.descriptor.size)
            let bytes = try LayoutFixtures.bytes(of: inArchive.region)
            #expect(bytes == (try LayoutFixtures.bytes(of: inLayout.region)))
            #expect(Digest.sha256(of: bytes) == inArchive.descriptor.digest)
        }
    }

    @Test func archiveWithANestedIndexSelectsThePlatform() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let archive = directory.path + "/multi.tar"
        let arm64 = Platform(os: "linux", architecture: "arm64", variant: "v8")
        let images = [LayoutFixtures.image("multi"), LayoutFixtures.image("multi", platform: arm64)]
        let written = try ImageLayoutBuilder().writeOCILayout(images, to: layout, asIndex: true)
        try ImageLayoutBuilder.archive(directory: layout, to: archive)
        let image = try await LayoutFixtures.load("oci-archive:\(archive)", platform: arm64, in: directory)
        #expect(image.manifestDigest == written.manifestDigests[1])
        #expect(image.platform == arm64)
    }

    @Test func archiveReferenceSuffixPicksTheNamedImage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let archive = directory.path + "/two.tar"
        let written = try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("v1"), LayoutFixtures.image("v2")], to: layout)
        try ImageLayoutBuilder.archive(directory: layout, to: archive)
        let image = try await LayoutFixtures.load("oci-archive:\(archive):v2", in: directory)
        #expect(image.manifestDigest == written.manifestDigests[1])
        #expect(image.tags == ["v2"])
    }

    /// `docker save | gzip` and friends: members are read in place, so a compressed archive is
    /// decompressed once into the cache and reused by later loads.
    @Test(arguments: [LayerCompression.gzip, .zstd])
    func compressedArchiveIsDecompressedOnceIntoTheCache(_ compression: LayerCompression) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let archive = directory.path + "/image.tar"
        let written = try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("latest")], to: layout)
        try ImageLayoutBuilder.archive(directory: layout, to: archive)
        let tarBytes = Array(try Data(contentsOf: URL(fileURLWithPath: archive)))
        let compressed = try directory.write("image.tar.\(compression.rawValue)",
                                             compression == .gzip ? Compression.gzip(tarBytes) : Compression.zstd(tarBytes))

        let first = try await LayoutFixtures.load("oci-archive:\(compressed)", in: directory)
        #expect(first.manifestDigest == written.manifestDigests[0])
        #expect(first.layers.map(\.descriptor.digest) == written.layerDigests[0])
        let copies = (try FileManager.default.contentsOfDirectory(atPath: directory.path + "/cache/archives")).sorted()
        #expect(copies.count == 1)
        #expect(copies.allSatisfy { $0.hasSuffix(".tar") }, "no partial file is left behind: \(copies)")
        for layer in first.layers {
            #expect(layer.region.path.hasPrefix(directory.path + "/cache/archives/"))
            #expect(Digest.sha256(of: try LayoutFixtures.bytes(of: layer.region)) == layer.descriptor.digest)
        }

        let second = try await LayoutFixtures.load("oci-archive:\(compressed)", in: directory)
        #expect(second.layers.map(\.region) == first.layers.map(\.region))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/cache/archives").count == 1)
        // The archive itself was only read.
        #expect(try Data(contentsOf: URL(fileURLWithPath: archive)) == Data(tarBytes))
    }

    @Test func truncatedCompressedArchiveIsMalformedAndLeavesNothingInTheCache() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = directory.path + "/layout"
        let archive = directory.path + "/image.tar"
        try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("latest")], to: layout)
        try ImageLayoutBuilder.archive(directory: layout, to: archive)
        let gzipped = Compression.gzip(Array(try Data(contentsOf: URL(fileURLWithPath: archive))))
        let truncated = try directory.write("image.tar.gz", Array(gzipped.prefix(gzipped.count / 2)))
        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-archive:\(truncated)", in: directory) }
        guard case .malformed(let what, _)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(what == truncated)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: directory.path + "/cache/archives")) ?? []
        #expect(leftovers.isEmpty, "a failed decompression must not leave a copy: \(leftovers)")
    }

    @Test func missingArchiveIsFileNotFound() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path + "/missing.tar"
        await #expect(throws: ImageSourceError.fileNotFound(path: missing)) {
            try await LayoutFixtures.load(.ociArchive(path: missing, reference: nil), in: directory)
        }
    }
}
