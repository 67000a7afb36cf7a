#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Archive
import Model

/// Reads one layer blob start to end: checks its digest and diff ID, decompresses, walks the tar,
/// and records entries and whiteouts. Nothing from the layer is ever written out as files; at most
/// the uncompressed tar itself is kept (see `uncompressedCache`).
struct LayerIndexer {
    var limits: ArchiveLimits
    /// Where to keep an uncompressed copy of each compressed layer, named by diff ID, so file
    /// contents are later read by offset instead of decompressing the layer again for each file.
    var uncompressedCache: String?

    func index(_ blob: LayerBlob, position: Int) throws -> LayerIndex {
        let name = "layer \(position + 1) (\(blob.descriptor.digest))"
        guard blob.region.length <= limits.maxCompressedBytes else {
            throw ArchiveError.limitExceeded(layer: name, limit: "compressed size", value: "\(blob.region.length) bytes (max \(limits.maxCompressedBytes))")
        }
        let compression = try Decompression.sniff(blob.region)
        var cachedCopy: String?
        if compression != .none, let directory = uncompressedCache, let diffID = blob.diffID {
            let path = "\(directory)/\(diffID.algorithm)-\(diffID.encoded).tar"
            if let size = Self.fileSize(path) {
                // Kept by an earlier run: index the plain tar (its digest is checked again while reading).
                let plain = LayerBlob(descriptor: Descriptor(mediaType: MediaType.ociLayer, digest: diffID, size: size), diffID: diffID,
                                      region: HostFileRegion(path: path, offset: 0, length: size), digestVerified: false)
                var indexed = try index(plain, position: position)
                indexed.blob = blob
                indexed.compression = compression
                return indexed
            }
            cachedCopy = path
        }
        let file = try FileRegionSource(blob.region)
        let compressed = DigestingSource(file, expected: blob.digestVerified ? nil : blob.descriptor.digest, what: "\(name) blob")
        let decoded = try Decompression.decompressor(compressed, compression: compression, what: name)
        let limited = LimitingSource(decoded, limits: limits, compressedBytes: blob.region.length, what: name)
        let uncompressed = compression == .none ? nil : DigestingSource(limited, expected: blob.diffID, what: "\(name) diff ID")
        let plain: ByteSource = uncompressed ?? limited
        let tee = try cachedCopy.map { try TeeSource(plain, writingTo: $0) }
        let reader = TarReader(tee ?? plain, limits: limits, what: name)

        var builder = LayerTreeBuilder(layer: blob.diffID, position: position)
        var tarEntries = 0
        while let entry = try reader.next() {
            tarEntries += 1
            guard tarEntries <= limits.maxEntries else {
                throw ArchiveError.limitExceeded(layer: name, limit: "entry count", value: "more than \(limits.maxEntries) entries")
            }
            builder.add(entry)
        }
        // Read past the end-of-archive marker so both digests cover the whole blob.
        if let tee { try Self.drain(tee) } else if let uncompressed { try uncompressed.drain() }
        try compressed.drain()

        let diffID: Digest
        if let computed = uncompressed?.computed ?? (compression == .none ? compressed.computed : nil) {
            diffID = computed
        } else {
            throw ArchiveError.corruptArchive(what: name, offset: 0, reason: "stream ended before its digest could be computed")
        }
        if compression == .none, let expected = blob.diffID, expected != diffID {
            throw ArchiveError.digestMismatch(what: "\(name) diff ID", expected: expected, actual: diffID)
        }
        var contentRegion = blob.region
        if let tee, let cachedCopy {
            try tee.commit()
            contentRegion = HostFileRegion(path: cachedCopy, offset: 0, length: limited.total)
        }
        return builder.finish(blob: blob, diffID: diffID, compression: compression, contentRegion: contentRegion,
                              contentCompression: cachedCopy == nil ? compression : .none,
                              uncompressedSize: limited.total, tarEntryCount: tarEntries)
    }

    private static func drain(_ source: ByteSource) throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        while try source.read(into: scratch) > 0 {}
    }

    private static func fileSize(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(info.st_size)
    }
}
