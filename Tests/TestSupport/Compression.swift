import HawserZlib
import HawserZstd

/// Compresses fixtures the way image tools do (gzip and zstd), with the same system libraries.
public enum Compression {
    public static func gzip(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { deflateEnd(stream); stream.deallocate() }
        precondition(czlib_deflate_init_gzip(stream, level) == Z_OK)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(input.count))) + 64)
        var input = input
        let produced = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = uInt(inBuffer.count)
                stream.pointee.next_out = outBuffer.baseAddress
                stream.pointee.avail_out = uInt(outBuffer.count)
                precondition(deflate(stream, Z_FINISH) == Z_STREAM_END)
                return outBuffer.count - Int(stream.pointee.avail_out)
            }
        }
        return Array(output[0..<produced])
    }

    public static func zstd(_ input: [UInt8], level: Int32 = 3) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
        let count = output.withUnsafeMutableBytes { out in
            input.withUnsafeBytes { ZSTD_compress(out.baseAddress, out.count, $0.baseAddress, $0.count, level) }
        }
        precondition(ZSTD_isError(count) == 0)
        return Array(output[0..<count])
    }
}
