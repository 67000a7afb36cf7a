import Foundation
import ImageSource
import Model
import Testing
import TestSupport

/// Registry behaviours a healthy registry will not show on demand — 5xx, 429 with Retry-After,
/// a blob whose bytes are not its digest, schema 1 — served by a scripted server on 127.0.0.1.
@Suite(.serialized)
struct RegistryFaultTests {
    /// A one-layer image the scripted registry serves.
    struct Fixture {
        var layerBlob: [UInt8]
        var layerDigest: Digest
        var configBytes: [UInt8]
        var configDigest: Digest
        var manifestBytes: [UInt8]
        var manifestDigest: Digest

        init() throws {
            var tar = TarBuilder()
            tar.file("etc/hello.txt", "hello from a scripted registry\n")
            let layerTar = tar.finished()
            layerBlob = Compression.gzip(layerTar)
            layerDigest = Digest.sha256(of: layerBlob)
            let configuration = ImageConfiguration(architecture: "amd64", os: "linux", rootfs: RootFS(diffIDs: [Digest.sha256(of: layerTar)]))
            configBytes = Array(try JSONEncoder().encode(configuration))
            configDigest = Digest.sha256(of: configBytes)
            let manifest = ImageManifest(mediaType: MediaType.ociManifest,
                                         config: Descriptor(mediaType: MediaType.ociConfig, digest: configDigest, size: Int64(configBytes.count)),
                                         layers: [Descriptor(mediaType: MediaType.ociLayerGzip, digest: layerDigest, size: Int64(layerBlob.count))])
            manifestBytes = Array(try JSONEncoder().encode(manifest))
            manifestDigest = Digest.sha256(of: manifestBytes)
        }

        func respond(_ request: TestHTTPServer.Request) -> TestHTTPServer.Response {
            switch request.path {
            case "/v2/", "/v2": return .init(status: 200)
            case "/v2/demo/app/manifests/latest", "/v2/demo/app/manifests/\(manifestDigest)":
                return .init(status: 200, headers: [("Content-Type", MediaType.ociManifest)], body: manifestBytes)
            case "/v2/demo/app/blobs/\(configDigest)": return .init(status: 200, body: configBytes)
            case "/v2/demo/app/blobs/\(layerDigest)": return .init(status: 200, body: layerBlob)
            default: return .init(status: 404, headers: [("Content-Type", "application/json")],
                                  body: Array(#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#.utf8))
            }
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: Int] = [:]
        func next(_ key: String) -> Int { lock.withLock { values[key, default: 0] += 1; return values[key]! } }
    }

    func load(port: Int, cache: TemporaryDirectory, repository: String = "demo/app:latest") async throws -> ImageDescription {
        let options = SourceOptions(cacheDirectory: cache.path, insecureHTTP: true,
                                    retry: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(50), maxDelay: .seconds(5)))
        let loaded = try await ImageLoader(options: options).load(.registry(try ImageReference(parsing: "127.0.0.1:\(port)/\(repository)")))
        guard case .image(let description) = loaded else { throw ImageSourceError.malformed(what: "test", reason: "not an image") }
        return description
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let fixture = try Fixture()
        let counter = Counter()
        let server = try await TestHTTPServer { request in
            if request.path.hasSuffix("/manifests/latest") && counter.next("manifest") <= 2 {
                return .init(status: 503, body: Array("busy".utf8))
            }
            return fixture.respond(request)
        }
        defer { Task { await server.shutdown() } }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let description = try await load(port: server.port, cache: cache)
        #expect(description.manifestDigest == fixture.manifestDigest)
        #expect(server.recorded.filter { $0.path.hasSuffix("/manifests/latest") }.count == 3)
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let fixture = try Fixture()
        let counter = Counter()
        let server = try await TestHTTPServer { request in
            if request.path.hasSuffix("/manifests/latest") && counter.next("manifest") == 1 {
                return .init(status: 429, headers: [("Retry-After", "1")])
            }
            return fixture.respond(request)
        }
        defer { Task { await server.shutdown() } }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await load(port: server.port, cache: cache)
        #expect(clock.now - started >= .seconds(1))
    }

    @Test func notFoundIsNotRetried() async throws {
        let fixture = try Fixture()
        let server = try await TestHTTPServer { fixture.respond($0) }
        defer { Task { await server.shutdown() } }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        await #expect {
            _ = try await load(port: server.port, cache: cache, repository: "demo/app:missing")
        } throws: { error in
            guard case ImageSourceError.registry(let registryError) = error else { return false }
            return registryError.kind == .notFound && registryError.message.contains("manifest unknown")
        }
        #expect(server.recorded.filter { $0.path.hasSuffix("/manifests/missing") }.count == 1)
    }

    @Test func blobWithWrongBytesIsRejectedAndNotKept() async throws {
        let fixture = try Fixture()
        let server = try await TestHTTPServer { request in
            if request.path.hasSuffix("/blobs/\(fixture.layerDigest)") {
                var tampered = fixture.layerBlob
                tampered[tampered.count / 2] ^= 0xff
                return .init(status: 200, body: tampered)
            }
            return fixture.respond(request)
        }
        defer { Task { await server.shutdown() } }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        await #expect {
            _ = try await load(port: server.port, cache: cache)
        } throws: { error in
            guard case ImageSourceError.digestMismatch(_, let expected, let actual) = error else { return false }
            return expected == fixture.layerDigest && actual != fixture.layerDigest
        }
        #expect(!FileManager.default.fileExists(atPath: "\(cache.path)/blobs/sha256/\(fixture.layerDigest.encoded)"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: cache.path + "/tmp"))?.isEmpty ?? true)
    }

    @Test func schemaOneManifestIsRefusedClearly() async throws {
        let schema1 = Array(#"{"schemaVersion":1,"name":"demo/app","tag":"old","fsLayers":[],"history":[]}"#.utf8)
        let server = try await TestHTTPServer { request in
            request.path.hasSuffix("/manifests/old")
                ? .init(status: 200, headers: [("Content-Type", MediaType.dockerSchema1Signed)], body: schema1)
                : .init(status: 404)
        }
        defer { Task { await server.shutdown() } }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        await #expect {
            _ = try await load(port: server.port, cache: cache, repository: "demo/app:old")
        } throws: { error in
            guard case ImageSourceError.unsupportedManifest(_, _, let reason) = error else { return false }
            return reason.contains("schema 1")
        }
    }

    @Test func cachedBlobsAreNotDownloadedAgain() async throws {
        let fixture = try Fixture()
        let server = try await TestHTTPServer { fixture.respond($0) }
        defer { Task { await server.shutdown() } }
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        _ = try await load(port: server.port, cache: cache)
        _ = try await load(port: server.port, cache: cache)
        #expect(server.recorded.filter { $0.path.contains("/blobs/") }.count == 2, "config and layer fetched once each")
        #expect(server.recorded.filter { $0.path.contains("/manifests/") }.count == 2, "the tag is resolved every time")
    }
}
