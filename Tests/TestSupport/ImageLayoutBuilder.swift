import Foundation
import Model

/// Writes small but real OCI image layouts and `docker save` archives from layer tars, with
/// correct digests, diff IDs and platforms, so source readers are tested on the real formats.
public struct ImageLayoutBuilder {
    public struct Layer {
        public var tar: [UInt8]
        public var compression: LayerCompression

        public init(tar: [UInt8], compression: LayerCompression = .gzip) {
            self.tar = tar
            self.compression = compression
        }

        public var blob: [UInt8] {
            switch compression {
            case .none: tar
            case .gzip: Compression.gzip(tar)
            case .zstd: Compression.zstd(tar)
            }
        }

        var mediaType: String {
            switch compression {
            case .none: MediaType.ociLayer
            case .gzip: MediaType.ociLayerGzip
            case .zstd: MediaType.ociLayerZstd
            }
        }
    }

    public struct Image {
        public var layers: [Layer]
        public var platform: Platform
        public var referenceName: String?
        public var config: RunConfiguration?

        public init(layers: [Layer], platform: Platform = Platform(os: "linux", architecture: "amd64"), referenceName: String? = "latest",
                    config: RunConfiguration? = RunConfiguration(user: "root", env: ["PATH=/usr/bin"], cmd: ["/bin/sh"])) {
            self.layers = layers
            self.platform = platform
            self.referenceName = referenceName
            self.config = config
        }
    }

    /// What was written, for assertions.
    public struct Written {
        public var manifestDigests: [Digest]
        public var configDigests: [Digest]
        public var layerDigests: [[Digest]]
        public var diffIDs: [[Digest]]
    }

    public init() {}

    static func json<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    /// An OCI layout at `directory`. With `asIndex`, index.json points to one nested image index
    /// holding all images (as multi-platform layouts do); otherwise each image is listed directly.
    @discardableResult
    public func writeOCILayout(_ images: [Image], to directory: String, asIndex: Bool = false) throws -> Written {
        let blobs = directory + "/blobs/sha256"
        try FileManager.default.createDirectory(atPath: blobs, withIntermediateDirectories: true)
        func put(_ bytes: [UInt8]) throws -> Digest {
            let digest = Digest.sha256(of: bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: blobs + "/" + digest.encoded))
            return digest
        }
        var written = Written(manifestDigests: [], configDigests: [], layerDigests: [], diffIDs: [])
        var descriptors: [Descriptor] = []
        for image in images {
            var layerDescriptors: [Descriptor] = []
            var diffIDs: [Digest] = []
            for layer in image.layers {
                let blob = layer.blob
                layerDescriptors.append(Descriptor(mediaType: layer.mediaType, digest: try put(blob), size: Int64(blob.count)))
                diffIDs.append(Digest.sha256(of: layer.tar))
            }
            let configuration = ImageConfiguration(architecture: image.platform.architecture, os: image.platform.os, variant: image.platform.variant,
                                                   config: image.config, rootfs: RootFS(diffIDs: diffIDs),
                                                   history: image.layers.indices.map { HistoryEntry(createdBy: "layer \($0 + 1)") })
            let configBytes = try Self.json(configuration)
            let configDigest = try put(configBytes)
            let manifest = ImageManifest(mediaType: MediaType.ociManifest,
                                         config: Descriptor(mediaType: MediaType.ociConfig, digest: configDigest, size: Int64(configBytes.count)),
                                         layers: layerDescriptors)
            let manifestBytes = try Self.json(manifest)
            let manifestDigest = try put(manifestBytes)
            descriptors.append(Descriptor(mediaType: MediaType.ociManifest, digest: manifestDigest, size: Int64(manifestBytes.count),
                                          annotations: image.referenceName.map { ["org.opencontainers.image.ref.name": $0] },
                                          platform: DescriptorPlatform(image.platform)))
            written.manifestDigests.append(manifestDigest)
            written.configDigests.append(configDigest)
            written.layerDigests.append(layerDescriptors.map(\.digest))
            written.diffIDs.append(diffIDs)
        }
        var top = descriptors
        if asIndex {
            let nested = ImageIndex(mediaType: MediaType.ociIndex, manifests: descriptors.map { var d = $0; d.annotations = nil; return d })
            let nestedBytes = try Self.json(nested)
            top = [Descriptor(mediaType: MediaType.ociIndex, digest: try put(nestedBytes), size: Int64(nestedBytes.count),
                              annotations: ["org.opencontainers.image.ref.name": "latest"])]
        }
        try Data(try Self.json(ImageIndex(mediaType: MediaType.ociIndex, manifests: top))).write(to: URL(fileURLWithPath: directory + "/index.json"))
        try Data("{\"imageLayoutVersion\":\"1.0.0\"}".utf8).write(to: URL(fileURLWithPath: directory + "/oci-layout"))
        return written
    }

    /// A `docker save` tarball at `path`: manifest.json, config, and uncompressed `<diffid>/layer.tar`s.
    @discardableResult
    public func writeDockerArchive(_ image: Image, repoTags: [String], to path: String) throws -> Written {
        var tar = TarBuilder()
        var diffIDs: [Digest] = []
        var layerPaths: [String] = []
        for layer in image.layers {
            let diffID = Digest.sha256(of: layer.tar)
            diffIDs.append(diffID)
            let member = "\(diffID.encoded)/layer.tar"
            tar.directory("\(diffID.encoded)/")
            tar.file(member, layer.tar)
            layerPaths.append(member)
        }
        let configuration = ImageConfiguration(architecture: image.platform.architecture, os: image.platform.os,
                                               config: image.config, rootfs: RootFS(diffIDs: diffIDs))
        let configBytes = try Self.json(configuration)
        let configDigest = Digest.sha256(of: configBytes)
        tar.file("\(configDigest.encoded).json", configBytes)
        struct Entry: Encodable { var Config: String; var RepoTags: [String]; var Layers: [String] }
        tar.file("manifest.json", try Self.json([Entry(Config: "\(configDigest.encoded).json", RepoTags: repoTags, Layers: layerPaths)]))
        try Data(tar.finished()).write(to: URL(fileURLWithPath: path))
        return Written(manifestDigests: [], configDigests: [configDigest], layerDigests: [diffIDs], diffIDs: [diffIDs])
    }

    /// Wraps an OCI layout directory into an oci-archive tarball.
    public static func archive(directory: String, to path: String) throws {
        var tar = TarBuilder()
        for relative in (FileManager.default.subpaths(atPath: directory) ?? []).sorted() {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory)
            if isDirectory.boolValue { tar.directory(relative + "/") } else {
                tar.file(relative, Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + relative))))
            }
        }
        try Data(tar.finished()).write(to: URL(fileURLWithPath: path))
    }
}
