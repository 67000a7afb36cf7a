import Engine
import Foundation
import ImageSource
import LayerFS
import Model
import Testing
import TestSupport

/// The shared test image (../shared/tools/make-image.sh) read from every source kind: the
/// squashed tree must be the same everywhere, and honour the image's whiteouts.
@Suite(.enabled(if: TestEnvironment.imageAvailable))
struct RealImageTreeTests {
    /// What identifies an entry across sources (the layer is the diff ID, the same whatever the compression).
    struct Row: Hashable {
        var path: String, type: FileType, mode: UInt32, uid: Int, gid: Int, size: Int64, linkTarget: String?, layer: Digest?
    }

    static func rows(_ entries: [FileEntry]) -> [Row] {
        entries.map { Row(path: $0.path, type: $0.type, mode: $0.mode, uid: $0.uid, gid: $0.gid, size: $0.size, linkTarget: $0.linkTarget, layer: $0.layer) }
    }

    func open(_ source: String, options: SourceOptions) async throws -> OpenedImage {
        try await Engine(sourceOptions: options).open(source)
    }

    @Test func squashedTreeIsTheSameFromEveryLocalSource() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let options = SourceOptions(cacheDirectory: cache.path)
        let reference = Self.rows(try await open("oci-dir:\(image)/oci", options: options).resolver(scope: .squashed).entries)
        #expect(reference.count > 10_000)
        for source in ["oci-archive:\(image)/oci-archive.tar", "docker-archive:\(image)/docker-archive.tar",
                       "oci-dir:\(image)/oci-zstd", "oci-dir:\(image)/oci-multi"] {
            let rows = Self.rows(try await open(source, options: options).resolver(scope: .squashed).entries)
            #expect(rows.count == reference.count, "\(source)")
            #expect(rows == reference, "\(source) differs: \(Set(rows).symmetricDifference(reference).prefix(5))")
        }
        #expect(cache.listing().isEmpty, "local sources must not write to the cache")
    }

    @Test func whiteoutsAndOpaqueDirectoriesAreApplied() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let opened = try await open("oci-dir:\(image)/oci", options: SourceOptions(cacheDirectory: NSTemporaryDirectory()))
        let squashed = opened.resolver(scope: .squashed)
        let paths = Set(squashed.entries.map(\.path))
        #expect(!paths.contains("/etc/motd"))
        #expect(!paths.contains("/opt/demo/old.txt"))
        #expect(!paths.contains("/opt/demo/sub"))
        #expect(!paths.contains("/opt/demo/sub/keep.txt"))
        #expect(paths.contains("/opt/demo/new.txt"))
        #expect(!paths.contains { $0.lowercased().contains("pyjwt") || $0.contains("/dist-packages/jwt") })
        #expect(try squashed.contents(of: "/opt/demo/new.txt").count == Int(squashed.entry(at: "/opt/demo/new.txt")?.size ?? -1))
        // The real dpkg database and os-release are readable through symlinks (/etc/os-release -> ../usr/lib/os-release).
        let osRelease = String(decoding: try squashed.contents(of: "/etc/os-release"), as: UTF8.self)
        #expect(osRelease.contains("ID=debian"))
        #expect(String(decoding: try squashed.contents(of: "/var/lib/dpkg/status"), as: UTF8.self).contains("Package: python3\n"))

        let description = try #require(opened.description)
        let allLayers = opened.resolver(scope: .allLayers).entries
        let motd = allLayers.filter { $0.path == "/etc/motd" }
        #expect(motd.count == 1)
        #expect(motd.first?.layer == description.configuration.diffIDs[0])
        let pyjwt = allLayers.filter { $0.path.contains("PyJWT-1.5.0.dist-info/METADATA") }
        #expect(pyjwt.count == 1)
        #expect(pyjwt.first?.layerIndex == 2)
        #expect(pyjwt.first?.layer == description.configuration.diffIDs[2])
        #expect(allLayers.contains { $0.path == "/opt/demo/old.txt" })
        #expect(allLayers.contains { $0.path == "/opt/demo/sub/keep.txt" })
    }

    @Test func inspectReportsManifestConfigAndLayers() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let inspection = try await Engine(sourceOptions: SourceOptions(cacheDirectory: NSTemporaryDirectory())).inspect("oci-dir:\(image)/oci")
        #expect(inspection.layers.count == 6)
        #expect(inspection.platform == "linux/amd64")
        #expect(inspection.mediaType == MediaType.ociManifest)
        #expect(inspection.config?.user == "root")
        #expect(inspection.config?.env?.contains("APP_ENV=fixture") == true)
        #expect(inspection.config?.exposedPorts?.keys.contains("8080/tcp") == true)
        #expect(inspection.layers.allSatisfy { $0.compression == .gzip && $0.uncompressedSize > $0.size / 2 && $0.entries > 0 })
        // summary.txt from make-image.sh names the manifest digest.
        let summary = try String(contentsOfFile: image + "/summary.txt", encoding: .utf8)
        #expect(summary.contains(try #require(inspection.digest).encoded))
    }
}
