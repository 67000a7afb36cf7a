import Archive
import Model

/// Reads one layer blob start to end: checks its digest and diff ID, decompresses, walks the tar,
/// and records entries and whiteouts. Nothing is written anywhere; the bytes only pass through.
struct LayerIndexer {
    var limits: ArchiveLimits

    func index(_ blob: LayerBlob, position: Int) throws -> LayerIndex {
        let name = "layer \(position + 1) (\(blob.descriptor.digest))"
        guard blob.region.length <= limits.maxCompressedBytes else {
            throw ArchiveError.limitExceeded(layer: name, limit: "compressed size", value: "\(blob.region.length) bytes (max \(limits.maxCompressedBytes))")
        }
        let file = try FileRegionSource(blob.region)
        let compressed = DigestingSource(file, expected: blob.digestVerified ? nil : blob.descriptor.digest, what: "\(name) blob")
        let compression = try Decompression.sniff(blob.region)
        let decoded = try Decompression.decompressor(compressed, compression: compression, what: name)
        let limited = LimitingSource(decoded, limits: limits, compressedBytes: blob.region.length, what: name)
        let uncompressed = compression == .none ? nil : DigestingSource(limited, expected: blob.diffID, what: "\(name) diff ID")
        let reader = TarReader(uncompressed ?? limited, limits: limits, what: name)

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
        if let uncompressed { try uncompressed.drain() }
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
        return builder.finish(blob: blob, diffID: diffID, compression: compression,
                              uncompressedSize: limited.total, tarEntryCount: tarEntries)
    }
}
