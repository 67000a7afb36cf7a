import Archive
import LayerFS
import Model
import TestSupport
import Testing

/// gzip, zstd and uncompressed layers all index and serve exact bytes, including files that sit
/// after a big file (so content reads must skip the right number of uncompressed bytes).
@Suite struct LayerCompressionTests {
    /// Bigger than the tar reader's 1 MiB buffer and the inflater's 256 KiB input buffer.
    static let bigSize = 3 * 1024 * 1024 + 123

    static func layer(_ compression: LayerCompression, seed: UInt64) -> (spec: LayerSpec, big: [UInt8], small: [UInt8]) {
        let big = LayerFixtures.pseudoRandomBytes(bigSize, seed: seed)
        let small = LayerFixtures.pseudoRandomBytes(777, seed: seed &+ 1000)
        let name = compression.rawValue
        let spec = LayerSpec(compression: compression) { tar in
            tar.directory("\(name)/")
            tar.file("\(name)/big.bin", big)
            tar.file("\(name)/after-big.bin", small)
            tar.file("\(name)/empty", [UInt8]())
            tar.file("\(name)/last.txt", "last file of the \(name) layer")
        }
        return (spec, big, small)
    }

    @Test(arguments: [LayerCompression.gzip, .zstd, .none])
    func eachCompressionServesExactBytes(_ compression: LayerCompression) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (spec, big, small) = Self.layer(compression, seed: 42)
        let image = try await LayerFixtures.read([spec], in: directory)
        let name = compression.rawValue
        let layer = try #require(image.layers.first)
        #expect(layer.compression == compression)
        #expect(layer.diffID == spec.diffID)
        #expect(layer.uncompressedSize == Int64(spec.tar.count))

        let resolver = image.resolver(scope: .squashed)
        #expect(resolver.entry(at: "/\(name)/big.bin")?.size == Int64(big.count))
        #expect(try resolver.contents(of: "/\(name)/big.bin") == big)
        #expect(try resolver.contents(of: "/\(name)/after-big.bin") == small)
        #expect(try resolver.contents(of: "/\(name)/empty") == [])
        #expect(try resolver.text(of: "/\(name)/last.txt") == "last file of the \(name) layer")
    }

    @Test func mixedCompressionLayersStackAndAttributeEntriesToTheirDiffID() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layers = [Self.layer(.gzip, seed: 1), Self.layer(.zstd, seed: 2), Self.layer(.none, seed: 3)]
        let image = try await LayerFixtures.read(layers.map(\.spec), in: directory)
        #expect(image.layers.map(\.compression) == [.gzip, .zstd, .none])
        #expect(image.layers.map(\.diffID) == layers.map(\.spec.diffID))

        let resolver = image.resolver(scope: .squashed)
        #expect(resolver.entries.count == 3 * 5)
        for entry in resolver.entries {
            #expect(entry.layer == layers[entry.layerIndex].spec.diffID, "\(entry.path)")
        }
        for (index, name) in ["gzip", "zstd", "none"].enumerated() {
            #expect(resolver.entry(at: "/\(name)/last.txt")?.layerIndex == index)
            #expect(try resolver.contents(of: "/\(name)/after-big.bin") == layers[index].small)
            #expect(try resolver.contents(of: "/\(name)/big.bin") == layers[index].big)
        }
    }

    /// Media types are often wrong or missing (docker save); the magic bytes decide.
    @Test func compressionIsSniffedNotTakenFromTheMediaType() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let spec = LayerSpec(compression: .zstd) { tar in tar.file("etc/os-release", "ID=test") }
        let blob = try LayerFixtures.blob(spec.blob, mediaType: MediaType.ociLayer, diffID: spec.diffID, at: "mislabelled", in: directory)
        let image = try await LayeredImage.read([blob])
        #expect(image.layers.first?.compression == .zstd)
        #expect(try image.resolver(scope: .squashed).text(of: "/etc/os-release") == "ID=test")
    }

    /// Without a diff ID from the configuration the computed one is recorded on every entry.
    @Test func missingDiffIDIsComputedWhileReading() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let spec = LayerSpec { tar in
            tar.file("a", "a")
            tar.file("b", "b")
        }
        let blob = try LayerFixtures.blob(spec.blob, mediaType: spec.mediaType, diffID: nil, at: "layer", in: directory)
        let image = try await LayeredImage.read([blob])
        #expect(image.layers.first?.diffID == spec.diffID)
        let entries = image.resolver(scope: .squashed).entries
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.layer == spec.diffID })
    }

    /// A layer blob read in place from inside a bigger file (as oci-archive and docker-archive do).
    @Test func blobRegionAtAnOffsetInsideAFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let spec = LayerSpec { tar in tar.file("inside", "read in place") }
        let blob = spec.blob
        let prefix = LayerFixtures.pseudoRandomBytes(1000, seed: 9)
        let suffix = LayerFixtures.pseudoRandomBytes(333, seed: 10)
        let path = try directory.write("container.bin", prefix + blob + suffix)
        let layer = LayerBlob(descriptor: Descriptor(mediaType: spec.mediaType, digest: Digest.sha256(of: blob), size: Int64(blob.count)),
                              diffID: spec.diffID, region: HostFileRegion(path: path, offset: 1000, length: Int64(blob.count)),
                              digestVerified: false)
        let image = try await LayeredImage.read([layer])
        #expect(try image.resolver(scope: .squashed).text(of: "/inside") == "read in place")
    }
}
