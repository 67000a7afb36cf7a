import Archive
import HawserBzip2

/// Decompresses a bzip2 stream with the system libbz2 (`BZ2_bzDecompress`, the low-level
/// streaming interface of bzlib.h), pulling compressed bytes from an inner `ByteSource`.
///
/// Concatenated bzip2 streams (as `pbzip2` writes and `bzip2 -d` reads) are read as one; bytes
/// after the last stream that do not start another one are ignored, as `bzip2 -d` does. Input
/// that ends inside a stream is reported as truncated, bad data as a decompression error, and
/// output beyond `limit` bytes as a limit error — each naming `what` (usually the file path).
public final class Bzip2Source: ByteSource {
    /// Default cap on the expanded size: well above the largest OVAL feed (Debian's are ~55 MB).
    public static let defaultLimit: Int64 = 1 << 30

    private let inner: ByteSource
    private let what: String
    private let limit: Int64
    // libbz2 keeps pointers into `bz_stream`, so it lives on the heap.
    private let stream: UnsafeMutablePointer<bz_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var innerAtEnd = false
    private var finished = false
    private var streamStarted = false
    private var produced: Int64 = 0
    private var consumed: Int64 = 0

    /// - Parameters:
    ///   - inner: the compressed bytes.
    ///   - what: names the input in errors (a path or URL).
    ///   - limit: the most bytes this source will produce before throwing.
    public init(_ inner: ByteSource, what: String, limit: Int64 = Bzip2Source.defaultLimit) throws {
        self.inner = inner
        self.what = what
        self.limit = limit
        stream = .allocate(capacity: 1)
        stream.initialize(to: bz_stream())
        input = .allocate(byteCount: 256 * 1024, alignment: 16)
        guard BZ2_bzDecompressInit(stream, 0, 0) == BZ_OK else {
            stream.deallocate()
            input.deallocate()
            throw ArchiveError.decompression(what: what, reason: "libbz2 could not start")
        }
    }

    deinit {
        BZ2_bzDecompressEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Pulls more compressed bytes when libbz2 has used up the previous ones.
    private func refill() throws {
        guard stream.pointee.avail_in == 0, !innerAtEnd else { return }
        let count = try inner.read(into: input)
        if count == 0 { innerAtEnd = true }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_in = UInt32(count)
    }

    /// Total compressed bytes handed to libbz2 so far (for error offsets).
    private var compressedOffset: Int64 {
        consumed + (Int64(stream.pointee.total_in_hi32) << 32 | Int64(stream.pointee.total_in_lo32))
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0, let base = buffer.baseAddress else { return 0 }
        let capacity = min(buffer.count, Int(UInt32.max))
        stream.pointee.next_out = base.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_out = UInt32(capacity)
        while stream.pointee.avail_out > 0 {
            try refill()
            if stream.pointee.avail_in == 0 && innerAtEnd {
                if !streamStarted && produced == 0 && compressedOffset == 0 {
                    throw ArchiveError.truncated(what: "\(what) (empty bzip2 input)", offset: 0)
                }
                throw ArchiveError.truncated(what: "\(what) (bzip2 stream ends early)", offset: compressedOffset)
            }
            streamStarted = true
            let before = stream.pointee.avail_out
            let status = BZ2_bzDecompress(stream)
            try account(UInt32(before) - stream.pointee.avail_out)
            switch status {
            case BZ_OK:
                continue
            case BZ_STREAM_END:
                if try !nextStreamFollows() {
                    finished = true
                    return capacity - Int(stream.pointee.avail_out)
                }
            case BZ_DATA_ERROR_MAGIC:
                throw ArchiveError.decompression(what: what, reason: "bzip2: not bzip2 data (bad magic) at byte \(compressedOffset)")
            case BZ_DATA_ERROR:
                throw ArchiveError.decompression(what: what, reason: "bzip2: corrupt data (block CRC or structure) near byte \(compressedOffset)")
            case BZ_MEM_ERROR:
                throw ArchiveError.decompression(what: what, reason: "bzip2: out of memory")
            default:
                throw ArchiveError.decompression(what: what, reason: "bzip2: error \(status)")
            }
        }
        return capacity
    }

    private func account(_ count: UInt32) throws {
        produced += Int64(count)
        if produced > limit {
            throw ArchiveError.limitExceeded(layer: nil, limit: "bzip2 expanded size of \(what)",
                                             value: "more than \(limit) bytes")
        }
    }

    /// After a stream ends: restarts libbz2 when another `BZh` stream follows; false at the end.
    private func nextStreamFollows() throws -> Bool {
        try refill()
        guard stream.pointee.avail_in > 0, let next = stream.pointee.next_in,
              UInt8(bitPattern: next.pointee) == UInt8(ascii: "B") else { return false }
        // Keep the unread input across the restart; libbz2 resets its counters.
        let pendingIn = stream.pointee.next_in
        let pendingCount = stream.pointee.avail_in
        let out = stream.pointee.next_out
        let outCount = stream.pointee.avail_out
        consumed = compressedOffset
        BZ2_bzDecompressEnd(stream)
        stream.pointee = bz_stream()
        guard BZ2_bzDecompressInit(stream, 0, 0) == BZ_OK else {
            throw ArchiveError.decompression(what: what, reason: "libbz2 could not restart")
        }
        stream.pointee.next_in = pendingIn
        stream.pointee.avail_in = pendingCount
        stream.pointee.next_out = out
        stream.pointee.avail_out = outCount
        return true
    }
}
