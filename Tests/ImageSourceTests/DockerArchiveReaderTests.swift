import Foundation
@testable import ImageSource
import Model
import TestSupport
import Testing

/// `docker save` tarballs: manifest.json → config and uncompressed `layer.tar` members.
@Suite struct DockerArchiveReaderTests {
    static let repoTags = ["registry.example.com/team/app:1.0", "app:latest"]

    static func image() -> ImageLayoutBuilder.Image {
        ImageLayoutBuilder.Image(layers: [
            .init(tar: LayoutFixtures.tar([("etc/os-release", "ID=docker-save")]), compression: .none),
            .init(tar: LayoutFixtures.tar([("usr/bin/app", "app binary"), ("usr/share/app/data", "data")]), compression: .none),
        ], platform: Platform(os: "linux", architecture: "amd64"))
    }

    @Test func archiveGivesConfigDigestDiffIDsAndTags() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = directory.path + "/save.tar"
        let image = Self.image()
        let written = try ImageLayoutBuilder().writeDockerArchive(image, repoTags: Self.repoTags, to: archive)
        let loaded = try await LayoutFixtures.load("docker-archive:\(archive)", in: directory)

        #expect(loaded.sourceKind == "docker-archive")
        #expect(loaded.configDigest == written.configDigests[0])
        #expect(loaded.layers.map(\.diffID) == written.diffIDs[0])
        #expect(loaded.layers.map(\.diffID) == image.layers.map { Digest.sha256(of: $0.tar) })
        #expect(loaded.configuration.diffIDs == written.diffIDs[0])
        #expect(loaded.tags == Self.repoTags)
        #expect(loaded.reference == (try ImageReference(parsing: Self.repoTags[0])))
        #expect(loaded.manifestDigest == nil)
        #expect(loaded.platform == Platform(os: "linux", architecture: "amd64"))
        for (layer, source) in zip(loaded.layers, image.layers) {
            #expect(layer.region.path == archive)
            #expect(try LayoutFixtures.bytes(of: layer.region) == source.tar)
            // Uncompressed layer tars are named by their diff ID, which LayerFS then verifies.
            #expect(layer.descriptor.digest == layer.diffID)
            #expect(layer.descriptor.size == Int64(source.tar.count))
        }
    }

    /// `docker save | gzip > image.tar.gz` reads like the plain tarball.
    @Test func gzippedArchiveGivesTheSameImage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = directory.path + "/save.tar"
        let image = Self.image()
        let written = try ImageLayoutBuilder().writeDockerArchive(image, repoTags: Self.repoTags, to: archive)
        let gzipped = try directory.write("save.tar.gz", Compression.gzip(Array(try Data(contentsOf: URL(fileURLWithPath: archive)))))
        let loaded = try await LayoutFixtures.load("docker-archive:\(gzipped)", in: directory)
        #expect(loaded.configDigest == written.configDigests[0])
        #expect(loaded.layers.map(\.diffID) == written.diffIDs[0])
        #expect(loaded.tags == Self.repoTags)
        for (layer, source) in zip(loaded.layers, image.layers) {
            #expect(try LayoutFixtures.bytes(of: layer.region) == source.tar)
        }
    }

    @Test(arguments: ["1.0", "latest", "app:latest", "registry.example.com/team/app:1.0"])
    func tagSuffixSelectsTheImage(_ tag: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = directory.path + "/save.tar"
        let written = try ImageLayoutBuilder().writeDockerArchive(Self.image(), repoTags: Self.repoTags, to: archive)
        let loaded = try await LayoutFixtures.load(.dockerArchive(path: archive, reference: tag), in: directory)
        #expect(loaded.configDigest == written.configDigests[0])
    }

    @Test func unknownTagIsNoMatchingImage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = directory.path + "/save.tar"
        try ImageLayoutBuilder().writeDockerArchive(Self.image(), repoTags: Self.repoTags, to: archive)
        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("docker-archive:\(archive):nope", in: directory) }
        guard case .noMatchingImage(_, let reason)? = error else {
            Issue.record("expected .noMatchingImage, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("nope"))
    }

    /// A hand-made `docker save` tarball, for shapes the builder never writes.
    struct HandMadeArchive {
        struct Entry: Encodable {
            var Config: String
            var RepoTags: [String]?
            var Layers: [String]
        }

        var tar = TarBuilder()

        mutating func config(diffIDs: [Digest]) throws -> String {
            let bytes = try LayoutFixtures.json(ImageConfiguration(architecture: "amd64", os: "linux", rootfs: RootFS(diffIDs: diffIDs)))
            let name = "\(Digest.sha256(of: bytes).encoded).json"
            tar.file(name, bytes)
            return name
        }

        mutating func write(_ entries: [Entry], to path: String) throws {
            tar.file("manifest.json", try LayoutFixtures.json(entries))
            try Data(tar.finished()).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test func missingLayerMemberIsMalformed() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layerTar = LayoutFixtures.tar([("a", "a")])
        var archive = HandMadeArchive()
        let config = try archive.config(diffIDs: [Digest.sha256(of: layerTar)])
        try archive.write([.init(Config: config, RepoTags: ["app:1"], Layers: ["abc/layer.tar"])], to: directory.path + "/save.tar")
        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("docker-archive:\(directory.path)/save.tar", in: directory) }
        guard case .malformed(_, let reason)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("abc/layer.tar"))
    }

    @Test func layerCountDifferentFromDiffIDCountIsMalformed() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layerTar = LayoutFixtures.tar([("a", "a")])
        var archive = HandMadeArchive()
        archive.tar.file("one/layer.tar", layerTar)
        let config = try archive.config(diffIDs: [Digest.sha256(of: layerTar), Digest.sha256(of: layerTar)])
        try archive.write([.init(Config: config, RepoTags: nil, Layers: ["one/layer.tar"])], to: directory.path + "/save.tar")
        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("docker-archive:\(directory.path)/save.tar", in: directory) }
        guard case .malformed(_, let reason)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("1 layers"))
        #expect(reason.contains("2 diff IDs"))
    }

    @Test func severalImagesWithoutATagIsAnErrorListingTheTags() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var archive = HandMadeArchive()
        let first = LayoutFixtures.tar([("first", "1")])
        let second = LayoutFixtures.tar([("second", "2")])
        archive.tar.file("first/layer.tar", first)
        archive.tar.file("second/layer.tar", second)
        let firstConfig = try archive.config(diffIDs: [Digest.sha256(of: first)])
        let secondConfig = try archive.config(diffIDs: [Digest.sha256(of: second)])
        try archive.write([
            .init(Config: firstConfig, RepoTags: ["app:one"], Layers: ["first/layer.tar"]),
            .init(Config: secondConfig, RepoTags: ["app:two"], Layers: ["second/layer.tar"]),
        ], to: directory.path + "/save.tar")
        let path = directory.path + "/save.tar"

        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("docker-archive:\(path)", in: directory) }
        guard case .noMatchingImage(_, let reason)? = error else {
            Issue.record("expected .noMatchingImage, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("app:one") && reason.contains("app:two"))

        let picked = try await LayoutFixtures.load("docker-archive:\(path):two", in: directory)
        #expect(picked.layers.map(\.diffID) == [Digest.sha256(of: second)])
        #expect(picked.tags == ["app:two"])
        #expect(try LayoutFixtures.bytes(of: picked.layers[0].region) == second)
    }
}
