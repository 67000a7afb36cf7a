import Catalogers
import Engine
import Foundation
import ImageSource
import Model
import Testing
import TestSupport

/// The per-layer cache on the real test image: a second analysis of an image with the same layers
/// takes digests and secret-search results from the cache instead of reading the files again.
@Suite(.enabled(if: TestEnvironment.imageAvailable))
struct LayerCacheTests {
    @Test func sharedLayersAreNotReadAgain() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let work = try TemporaryDirectory("hawser-layer-cache")
        defer { work.remove() }
        let layerCache = work.path + "/layers"
        let engine = Engine(sourceOptions: SourceOptions(cacheDirectory: work.path + "/blobs"))
        let options = AnalysisOptions(layerCacheDirectory: layerCache)
        let first = try await engine.sbom("oci-dir:\(image)/oci", options: options)
        let reference = try await engine.sbom("oci-dir:\(image)/oci", options: AnalysisOptions())
        // Caching changes nothing in the result.
        #expect(first.files == reference.files)
        #expect(first.secrets == reference.secrets)
        let cached = try FileManager.default.contentsOfDirectory(atPath: layerCache).filter { $0.hasSuffix(".json") }
        #expect(cached.count == first.source.layers.count)

        // Mark one cached digest: if the second analysis reads the file again it gets the real digest back.
        let passwd = try #require(first.files.first { $0.location.path == "/etc/passwd" })
        let layer = try #require(passwd.location.layer)
        let file = try #require(cached.first { $0.hasPrefix(layer.encoded) })
        var results = try JSONDecoder().decode(LayerFileResults.self, from: Data(contentsOf: URL(fileURLWithPath: layerCache + "/" + file)))
        #expect(results.digests["/etc/passwd"] == passwd.sha256)
        results.digests["/etc/passwd"] = String(repeating: "0", count: 64)
        try JSONEncoder().encode(results).write(to: URL(fileURLWithPath: layerCache + "/" + file))

        let second = try await engine.sbom("oci-dir:\(image)/oci", options: options)
        #expect(second.files.first { $0.location.path == "/etc/passwd" }?.sha256 == String(repeating: "0", count: 64))
        #expect(second.files.filter { $0.location.path != "/etc/passwd" } == reference.files.filter { $0.location.path != "/etc/passwd" })
        #expect(second.secrets == reference.secrets)

        // Other options (a different secret pattern set) never read these results.
        let other = try await engine.sbom("oci-dir:\(image)/oci", options: AnalysisOptions(secretPatterns: [], layerCacheDirectory: layerCache))
        #expect(other.files.first { $0.location.path == "/etc/passwd" }?.sha256 == passwd.sha256)
    }
}
