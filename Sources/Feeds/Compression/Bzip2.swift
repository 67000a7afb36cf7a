#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Archive
import Model

/// Helpers around `Bzip2Source` for whole files and in-memory buffers.
public enum Bzip2 {
    /// Whether `prefix` starts like a bzip2 stream: `BZh` then a block size digit `1`…`9`.
    public static func hasMagic(_ prefix: some Collection<UInt8>) -> Bool {
        let bytes = Array(prefix.prefix(4))
        return bytes.count == 4 && bytes[0] == 0x42 && bytes[1] == 0x5A && bytes[2] == 0x68
            && (0x31...0x39).contains(bytes[3])
    }

    /// Opens `path` as a byte source of its decompressed contents.
    public static func source(fileAt path: String, limit: Int64 = Bzip2Source.defaultLimit) throws -> Bzip2Source {
        try Bzip2Source(FileRegionSource(HostFileRegion(path: path, length: fileSize(path))), what: path, limit: limit)
    }

    /// Reads and decompresses the whole `.bz2` file at `path`, producing at most `limit` bytes.
    public static func decompress(fileAt path: String, limit: Int64 = Bzip2Source.defaultLimit) throws -> [UInt8] {
        try readAll(source(fileAt: path, limit: limit), limit: Int(limit))
    }

    /// Decompresses `bytes` (named `what` in errors), producing at most `limit` bytes.
    public static func decompress(_ bytes: [UInt8], what: String, limit: Int64 = Bzip2Source.defaultLimit) throws -> [UInt8] {
        try readAll(Bzip2Source(MemorySource(bytes), what: what, limit: limit), limit: Int(limit))
    }

    /// The size of the file at `path`, for a `FileRegionSource` covering all of it.
    static func fileSize(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ArchiveError.io(path: path, reason: String(cString: strerror(errno)))
        }
        return Int64(info.st_size)
    }
}

/// A `ByteSource` over bytes already in memory.
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            if let start = source.baseAddress { base.copyMemory(from: start + offset, byteCount: count) }
        }
        offset += count
        return count
    }
}
