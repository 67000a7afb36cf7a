import HawserZlib
import Model

/// Inflates a gzip (or zlib) stream with the system zlib. Concatenated gzip members are read as
/// one stream (RFC 1952 §2.2); zero padding after the last member is ignored.
public final class GzipSource: ByteSource {
    private let inner: ByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: UnsafeMutableRawBufferPointer
    private var innerAtEnd = false
    private var finished = false
    private let what: String

    public init(_ inner: ByteSource, what: String) throws {
        self.inner = inner
        self.what = what
        // zlib checks that `strm` did not move since init, so it lives on the heap.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: 256 * 1024, alignment: 16)
        guard czlib_inflate_init_gzip(stream) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw ArchiveError.decompression(what: what, reason: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    private func refill() throws {
        guard stream.pointee.avail_in == 0, !innerAtEnd else { return }
        let count = try inner.read(into: input)
        if count == 0 { innerAtEnd = true }
        stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(count)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        while stream.pointee.avail_out > 0 {
            try refill()
            if stream.pointee.avail_in == 0 && innerAtEnd {
                throw ArchiveError.truncated(what: "\(what) (gzip stream ends early)", offset: Int64(stream.pointee.total_in))
            }
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                let produced = buffer.count - Int(stream.pointee.avail_out)
                if try !nextMemberFollows() { finished = true }
                else { inflateReset(stream) }
                if produced > 0 || finished { return produced }
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw ArchiveError.decompression(what: what, reason: "gzip: \(message)")
            }
        }
        return buffer.count
    }

    /// After a member ends: true when another gzip member starts; padding of zeros or nothing means the end.
    private func nextMemberFollows() throws -> Bool {
        try refill()
        guard stream.pointee.avail_in > 0, let next = stream.pointee.next_in else { return false }
        return next.pointee == 0x1f
    }
}
