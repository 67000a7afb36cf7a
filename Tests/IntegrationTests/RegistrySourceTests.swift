import Engine
import Foundation
import ImageSource
import LayerFS
import Model
import Testing
import TestSupport

/// Pulls from the real `docker-registry` with basic auth that scripts/test-env.sh starts.
@Suite(.enabled(if: TestEnvironment.registryAvailable))
struct RegistrySourceTests {
    @Test(arguments: ["fixture/app:latest", "fixture/app:zstd", "fixture/app-docker:latest"])
    func registryTreeMatchesTheLocalLayout(repository: String) async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let registry = try TestEnvironment.value("HAWSER_TEST_REGISTRY")
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let options = try TestEnvironment.registryOptions(cache: cache)
        let pulled = try await Engine(sourceOptions: options).open("registry:\(registry)/\(repository)")
        let local = try await Engine(sourceOptions: options).open("oci-dir:\(image)/oci")
        let pulledRows = RealImageTreeTests.rows(pulled.resolver(scope: .squashed).entries)
        let localRows = RealImageTreeTests.rows(local.resolver(scope: .squashed).entries)
        #expect(pulledRows == localRows)
        let description = try #require(pulled.description)
        #expect(description.reference?.digest == description.manifestDigest)
        // Every layer blob is now in the content-addressed cache under its digest.
        for layer in description.layers {
            #expect(FileManager.default.fileExists(atPath: "\(cache.path)/blobs/sha256/\(layer.descriptor.digest.encoded)"))
            #expect(layer.digestVerified)
        }
        #expect(!cache.listing().contains { $0.hasPrefix("tmp/") && $0 != "tmp" }, "no partial downloads left")
    }

    @Test func multiPlatformIndexSelectsTheRequestedPlatform() async throws {
        let image = try TestEnvironment.value("HAWSER_TEST_IMAGE_DIR")
        let registry = try TestEnvironment.value("HAWSER_TEST_REGISTRY")
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        // The digests of the two platform manifests, as the layout on disk lists them.
        let layoutIndex = try JSONDecoder().decode(ImageIndex.self, from: Data(contentsOf: URL(fileURLWithPath: image + "/oci-multi/index.json")))
        let nestedDigest = try #require(layoutIndex.manifests.first?.digest)
        let nested = try JSONDecoder().decode(ImageIndex.self, from: Data(contentsOf: URL(fileURLWithPath: image + "/oci-multi/blobs/sha256/" + nestedDigest.encoded)))
        let arm = try #require(nested.manifests.first { $0.platform?.architecture == "arm64" })
        let amd = try #require(nested.manifests.first { $0.platform?.architecture == "amd64" })

        let armOptions = try TestEnvironment.registryOptions(cache: cache, platform: try Platform(parsing: "linux/arm64/v8"))
        let armImage = try await ImageLoader(options: armOptions).load(.registry(try ImageReference(parsing: "\(registry)/fixture/app:multi")))
        guard case .image(let armDescription) = armImage else { Issue.record("expected an image"); return }
        #expect(armDescription.manifestDigest == arm.digest)
        #expect(armDescription.platform?.architecture == "arm64")

        let hostOptions = try TestEnvironment.registryOptions(cache: cache)
        let hostImage = try await ImageLoader(options: hostOptions).load(.registry(try ImageReference(parsing: "\(registry)/fixture/app:multi")))
        guard case .image(let hostDescription) = hostImage else { Issue.record("expected an image"); return }
        #expect(hostDescription.manifestDigest == amd.digest)

        let missing = try TestEnvironment.registryOptions(cache: cache, platform: try Platform(parsing: "linux/s390x"))
        await #expect {
            _ = try await ImageLoader(options: missing).load(.registry(try ImageReference(parsing: "\(registry)/fixture/app:multi")))
        } throws: { error in
            guard case ImageSourceError.noMatchingImage(_, let reason) = error else { return false }
            return reason.contains("linux/s390x") && reason.contains("linux/arm64/v8")
        }
    }

    @Test func wrongPasswordIsAClear401() async throws {
        let registry = try TestEnvironment.value("HAWSER_TEST_REGISTRY")
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let options = try TestEnvironment.registryOptions(cache: cache, password: "not-the-password")
        await #expect {
            _ = try await ImageLoader(options: options).load(.registry(try ImageReference(parsing: "\(registry)/fixture/app:latest")))
        } throws: { error in
            guard case ImageSourceError.registry(let registryError) = error else { return false }
            return registryError.kind == .unauthorized && registryError.status == 401 && registryError.description.contains("401")
        }
        #expect(cache.listing().filter { $0.hasPrefix("blobs/sha256/") }.isEmpty)
    }

    @Test func unknownTagIsNotFound() async throws {
        let registry = try TestEnvironment.value("HAWSER_TEST_REGISTRY")
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let options = try TestEnvironment.registryOptions(cache: cache)
        await #expect {
            _ = try await ImageLoader(options: options).load(.registry(try ImageReference(parsing: "\(registry)/fixture/app:no-such-tag")))
        } throws: { error in
            guard case ImageSourceError.registry(let registryError) = error else { return false }
            return registryError.kind == .notFound && registryError.description.contains("no-such-tag")
        }
    }
}
