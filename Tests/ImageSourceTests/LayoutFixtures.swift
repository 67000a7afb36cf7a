import Foundation
@testable import ImageSource
import Model
import TestSupport

/// Layer tars, images and loaders shared by the source reader tests.
enum LayoutFixtures {
    struct NotAnImage: Error {}

    static func tar(_ files: [(String, String)]) -> [UInt8] {
        var builder = TarBuilder()
        for (name, content) in files { builder.file(name, content) }
        return builder.finished()
    }

    static func image(_ name: String, platform: Platform = Platform(os: "linux", architecture: "amd64"),
                      compressions: [LayerCompression] = [.gzip, .zstd]) -> ImageLayoutBuilder.Image {
        let layers = compressions.enumerated().map { index, compression in
            ImageLayoutBuilder.Layer(tar: tar([("etc/\(name)-\(platform.architecture)-\(index)", "layer \(index) of \(name) for \(platform)")]),
                                     compression: compression)
        }
        return ImageLayoutBuilder.Image(layers: layers, platform: platform, referenceName: name)
    }

    static func loader(_ directory: TemporaryDirectory, platform: Platform? = nil) -> ImageLoader {
        ImageLoader(options: SourceOptions(platform: platform, cacheDirectory: directory.path + "/cache"))
    }

    static func load(_ source: SourceSpecifier, platform: Platform? = nil, in directory: TemporaryDirectory) async throws -> ImageDescription {
        guard case .image(let description) = try await loader(directory, platform: platform).load(source) else { throw NotAnImage() }
        return description
    }

    static func load(_ text: String, platform: Platform? = nil, in directory: TemporaryDirectory) async throws -> ImageDescription {
        try await load(try SourceSpecifier(parsing: text), platform: platform, in: directory)
    }

    /// The bytes a region names, read straight from the host file.
    static func bytes(of region: HostFileRegion) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: region.path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(region.offset))
        return Array(try handle.read(upToCount: Int(region.length)) ?? Data())
    }

    static func json<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }
}

/// An OCI layout written by hand, for documents `ImageLayoutBuilder` would never write.
struct HandWrittenLayout {
    let path: String

    init(at path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path + "/blobs/sha256", withIntermediateDirectories: true)
        try Data("{\"imageLayoutVersion\":\"1.0.0\"}".utf8).write(to: URL(fileURLWithPath: path + "/oci-layout"))
    }

    /// Stores a blob under its digest and returns a descriptor for it.
    @discardableResult
    func put(_ bytes: [UInt8], mediaType: String) throws -> Descriptor {
        let digest = Digest.sha256(of: bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/blobs/sha256/" + digest.encoded))
        return Descriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count))
    }

    func writeIndex(_ manifests: [Descriptor]) throws {
        try writeIndex(bytes: try LayoutFixtures.json(ImageIndex(mediaType: MediaType.ociIndex, manifests: manifests)))
    }

    func writeIndex(bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/index.json"))
    }
}
