import HawserZstd
import Model

/// Decompresses a zstd stream (RFC 8878) of one or more frames with the system libzstd.
public final class ZstdSource: ByteSource {
    private let inner: ByteSource
    private let stream: OpaquePointer
    private var input: UnsafeMutableRawBufferPointer
    private var inputBuffer = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
    private var innerAtEnd = false
    private var frameOpen = false
    private var sawInput = false
    private let what: String

    public init(_ inner: ByteSource, what: String) throws {
        self.inner = inner
        self.what = what
        guard let stream = ZSTD_createDStream() else {
            throw ArchiveError.decompression(what: what, reason: "zstd could not start")
        }
        self.stream = stream
        ZSTD_initDStream(stream)
        input = .allocate(byteCount: Int(ZSTD_DStreamInSize()), alignment: 16)
    }

    deinit {
        ZSTD_freeDStream(stream)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        while output.pos < output.size {
            if inputBuffer.pos == inputBuffer.size {
                if innerAtEnd { break }
                let count = try inner.read(into: input)
                if count == 0 {
                    innerAtEnd = true
                    if frameOpen || !sawInput { throw ArchiveError.truncated(what: "\(what) (zstd frame ends early)", offset: 0) }
                    break
                }
                sawInput = true
                inputBuffer = ZSTD_inBuffer(src: UnsafeRawPointer(input.baseAddress), size: count, pos: 0)
            }
            let hint = ZSTD_decompressStream(stream, &output, &inputBuffer)
            if ZSTD_isError(hint) != 0 {
                throw ArchiveError.decompression(what: what, reason: "zstd: " + String(cString: ZSTD_getErrorName(hint)))
            }
            frameOpen = hint != 0
        }
        return output.pos
    }
}
