import Foundation
@testable import ImageSource
import Model
import TestSupport
import Testing

/// Broken OCI layouts fail with an error that says which file is wrong and how.
@Suite struct MalformedLayoutTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let layout: String
        let written: ImageLayoutBuilder.Written

        init() throws {
            directory = try TemporaryDirectory()
            layout = directory.path + "/layout"
            written = try ImageLayoutBuilder().writeOCILayout([LayoutFixtures.image("latest")], to: layout)
        }

        func blobPath(_ digest: Digest) -> String { "\(layout)/blobs/sha256/\(digest.encoded)" }

        func load() async throws -> ImageDescription {
            try await LayoutFixtures.load("oci-dir:\(layout)", in: directory)
        }
    }

    @Test func missingLayerBlobIsNamed() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let missing = fixture.written.layerDigests[0][1]
        try FileManager.default.removeItem(atPath: fixture.blobPath(missing))
        let error = await #expect(throws: ImageSourceError.self) { try await fixture.load() }
        guard case .malformed(let what, let reason)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(what == fixture.layout)
        #expect(reason.contains(missing.description))
        #expect(reason.contains("missing"))
    }

    @Test func missingConfigBlobIsNamed() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let missing = fixture.written.configDigests[0]
        try FileManager.default.removeItem(atPath: fixture.blobPath(missing))
        let error = await #expect(throws: ImageSourceError.self) { try await fixture.load() }
        guard case .malformed(_, let reason)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(missing.description))
    }

    @Test func tamperedManifestBlobIsADigestMismatch() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let manifest = fixture.written.manifestDigests[0]
        let path = fixture.blobPath(manifest)
        // Still a valid manifest, with one byte more: only the digest can tell.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.append(UInt8(ascii: "\n"))
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let error = await #expect(throws: ImageSourceError.self) { try await fixture.load() }
        guard case .digestMismatch(let what, let expected, let actual)? = error else {
            Issue.record("expected .digestMismatch, got \(String(describing: error))")
            return
        }
        #expect(what.contains("manifest"))
        #expect(expected == manifest)
        #expect(actual == Digest.sha256(of: bytes))
    }

    @Test func tamperedConfigBlobIsADigestMismatch() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let config = fixture.written.configDigests[0]
        let path = fixture.blobPath(config)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) + Array(" ".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: ImageSourceError.self) { try await fixture.load() }
        guard case .digestMismatch(let what, let expected, _)? = error else {
            Issue.record("expected .digestMismatch, got \(String(describing: error))")
            return
        }
        #expect(what.contains("configuration"))
        #expect(expected == config)
    }

    @Test func indexThatIsNotJSONIsMalformedNamingIndexJSON() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try HandWrittenLayout(at: fixture.layout).writeIndex(bytes: Array("this is { not json".utf8))
        let error = await #expect(throws: ImageSourceError.self) { try await fixture.load() }
        guard case .malformed(let what, _)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(what == "\(fixture.layout)/index.json")
        #expect(error?.description.contains("index.json") == true)
    }

    @Test func missingIndexIsMalformed() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        try FileManager.default.removeItem(atPath: fixture.layout + "/index.json")
        let error = await #expect(throws: ImageSourceError.self) { try await fixture.load() }
        guard case .malformed(_, let reason)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("index.json"))
    }

    @Test func schema1ManifestIsUnsupported() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = try HandWrittenLayout(at: directory.path + "/layout")
        let schema1 = """
        {"schemaVersion":1,"name":"library/app","tag":"latest","architecture":"amd64",
         "fsLayers":[{"blobSum":"sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"}],
         "history":[{"v1Compatibility":"{}"}],"signatures":[]}
        """
        var manifest = try layout.put(Array(schema1.utf8), mediaType: MediaType.dockerSchema1Signed)
        manifest.annotations = ["org.opencontainers.image.ref.name": "latest"]
        try layout.writeIndex([manifest])

        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-dir:\(layout.path)", in: directory) }
        guard case .unsupportedManifest(_, _, let reason)? = error else {
            Issue.record("expected .unsupportedManifest, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("schema 1"))
    }

    @Test func schema1ManifestWithAnOCIMediaTypeIsStillUnsupported() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = try HandWrittenLayout(at: directory.path + "/layout")
        let manifest = try layout.put(Array(#"{"schemaVersion":1,"name":"app","tag":"1","fsLayers":[]}"#.utf8), mediaType: MediaType.ociManifest)
        try layout.writeIndex([manifest])
        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-dir:\(layout.path)", in: directory) }
        guard case .unsupportedManifest(_, _, let reason)? = error else {
            Issue.record("expected .unsupportedManifest, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("schema 1"))
    }

    @Test func layerCountDifferentFromDiffIDCountIsMalformed() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = try HandWrittenLayout(at: directory.path + "/layout")
        let tar = LayoutFixtures.tar([("etc/hostname", "one layer")])
        let layer = try layout.put(Compression.gzip(tar), mediaType: MediaType.ociLayerGzip)
        let diffID = Digest.sha256(of: tar)
        let configuration = ImageConfiguration(architecture: "amd64", os: "linux", rootfs: RootFS(diffIDs: [diffID, diffID]))
        let config = try layout.put(try LayoutFixtures.json(configuration), mediaType: MediaType.ociConfig)
        let manifest = ImageManifest(mediaType: MediaType.ociManifest, config: config, layers: [layer])
        try layout.writeIndex([try layout.put(try LayoutFixtures.json(manifest), mediaType: MediaType.ociManifest)])

        let error = await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-dir:\(layout.path)", in: directory) }
        guard case .malformed(_, let reason)? = error else {
            Issue.record("expected .malformed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("1 layers"))
        #expect(reason.contains("2 diff IDs"))
    }

    @Test func indexPointingAtAConfigInsteadOfAManifestIsRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layout = try HandWrittenLayout(at: directory.path + "/layout")
        let configuration = ImageConfiguration(architecture: "amd64", os: "linux", rootfs: RootFS(diffIDs: []))
        let config = try layout.put(try LayoutFixtures.json(configuration), mediaType: MediaType.ociConfig)
        try layout.writeIndex([config])
        await #expect(throws: ImageSourceError.self) { try await LayoutFixtures.load("oci-dir:\(layout.path)", in: directory) }
    }
}
