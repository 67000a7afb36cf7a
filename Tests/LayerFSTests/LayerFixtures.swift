import Archive
import Foundation
import LayerFS
import Model
import TestSupport

/// One generated layer: its uncompressed tar and how its blob is compressed.
struct LayerSpec {
    var tar: [UInt8]
    var compression: LayerCompression

    init(_ tar: [UInt8], compression: LayerCompression = .gzip) {
        self.tar = tar
        self.compression = compression
    }

    /// Builds the tar with `TarBuilder` and finishes it (end-of-archive marker included).
    init(compression: LayerCompression = .gzip, _ build: (inout TarBuilder) -> Void) {
        var builder = TarBuilder()
        build(&builder)
        self.init(builder.finished(), compression: compression)
    }

    var blob: [UInt8] {
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

    var diffID: Digest { Digest.sha256(of: tar) }
}

/// Writes layer blobs to disk and describes them the way an image source would, so LayerFS is
/// tested on real files: digest = SHA-256 of the blob, diff ID = SHA-256 of the uncompressed tar.
enum LayerFixtures {
    /// Writes `bytes` at `relative` below `directory` and returns a blob that names it.
    static func blob(_ bytes: [UInt8], mediaType: String, diffID: Digest?, digest: Digest? = nil,
                     at relative: String, in directory: TemporaryDirectory) throws -> LayerBlob {
        let path = try directory.write(relative, bytes)
        return LayerBlob(descriptor: Descriptor(mediaType: mediaType, digest: digest ?? Digest.sha256(of: bytes), size: Int64(bytes.count)),
                         diffID: diffID, region: HostFileRegion(path: path, offset: 0, length: Int64(bytes.count)),
                         digestVerified: false)
    }

    static func blobs(_ layers: [LayerSpec], in directory: TemporaryDirectory) throws -> [LayerBlob] {
        try layers.enumerated().map { index, layer in
            try blob(layer.blob, mediaType: layer.mediaType, diffID: layer.diffID, at: "layer-\(index).blob", in: directory)
        }
    }

    static func read(_ layers: [LayerSpec], in directory: TemporaryDirectory, limits: ArchiveLimits = .default) async throws -> LayeredImage {
        try await LayeredImage.read(try blobs(layers, in: directory), limits: limits)
    }

    /// Deterministic incompressible bytes (xorshift64), so offsets inside big files are exercised.
    static func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = (seed &* 0x9E37_79B9_7F4A_7C15) | 1
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            withUnsafeBytes(of: state) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(count))
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}

extension TreeResolver {
    /// Paths of all entries, in the resolver's (sorted) order.
    var paths: [String] { entries.map(\.path) }

    /// The content of `path` as UTF-8 text.
    func text(of path: String) throws -> String { String(decoding: try contents(of: path), as: UTF8.self) }
}
