/// Bounds on what one layer may cost, so a hostile image fails with a clear error instead of
/// filling the disk or memory.
public struct ArchiveLimits: Sendable, Hashable {
    /// Largest compressed blob accepted.
    public var maxCompressedBytes: Int64
    /// Largest uncompressed tar stream accepted.
    public var maxUncompressedBytes: Int64
    /// Most tar entries in one layer.
    public var maxEntries: Int
    /// Largest uncompressed/compressed ratio, checked once the output passes `ratioGraceBytes`
    /// (small layers of empty files compress extremely well and are harmless).
    public var maxCompressionRatio: Int64
    public var ratioGraceBytes: Int64
    /// Largest pax extended header or GNU long name kept in memory.
    public var maxHeaderBytes: Int

    public init(maxCompressedBytes: Int64 = 16 << 30, maxUncompressedBytes: Int64 = 64 << 30, maxEntries: Int = 2_000_000,
                maxCompressionRatio: Int64 = 200, ratioGraceBytes: Int64 = 64 << 20, maxHeaderBytes: Int = 1 << 20) {
        self.maxCompressedBytes = maxCompressedBytes
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxEntries = maxEntries
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maxHeaderBytes = maxHeaderBytes
    }

    public static let `default` = ArchiveLimits()
}

/// Counts decompressed bytes and stops a decompression bomb before it gets far.
public final class LimitingSource: ByteSource {
    private let inner: ByteSource
    private let limits: ArchiveLimits
    private let compressedBytes: Int64
    private let what: String
    public private(set) var total: Int64 = 0

    public init(_ inner: ByteSource, limits: ArchiveLimits, compressedBytes: Int64, what: String) {
        self.inner = inner
        self.limits = limits
        self.compressedBytes = max(compressedBytes, 1)
        self.what = what
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inner.read(into: buffer)
        total += Int64(count)
        if total > limits.maxUncompressedBytes {
            throw ArchiveError.limitExceeded(layer: what, limit: "uncompressed size", value: "more than \(limits.maxUncompressedBytes) bytes")
        }
        if total > limits.ratioGraceBytes && total / compressedBytes > limits.maxCompressionRatio {
            throw ArchiveError.limitExceeded(layer: what, limit: "compression ratio",
                                             value: "\(total / compressedBytes):1 after \(total) bytes from \(compressedBytes) compressed (max \(limits.maxCompressionRatio):1)")
        }
        return count
    }
}
