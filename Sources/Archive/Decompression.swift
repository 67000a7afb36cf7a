import Model

/// Compression detection and decoder construction, shared by indexing and content reads.
public enum Decompression {
    /// The magic bytes decide: media types are often missing (docker save) or wrong.
    public static func sniff(_ region: HostFileRegion) throws -> LayerCompression {
        let source = try FileRegionSource(HostFileRegion(path: region.path, offset: region.offset, length: min(region.length, 4)))
        var magic = [UInt8](repeating: 0, count: 4)
        var count = 0
        while count < 4 {
            let read = try magic.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }
            if read == 0 { break }
            count += read
        }
        if count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b { return .gzip }
        if count >= 4 && magic == [0x28, 0xb5, 0x2f, 0xfd] { return .zstd }
        return .none
    }

    public static func decompressor(_ source: ByteSource, compression: LayerCompression, what: String) throws -> ByteSource {
        switch compression {
        case .none: source
        case .gzip: try GzipSource(source, what: what)
        case .zstd: try ZstdSource(source, what: what)
        }
    }
}
