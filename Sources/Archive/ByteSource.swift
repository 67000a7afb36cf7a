#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// A pull stream of bytes: the stages a layer passes through (file region → digest check →
/// decompression → tar) each wrap the one below. Classes, because each stage owns a buffer or a
/// C stream; a chain lives in one task and never crosses isolation.
public protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; returns 0 only at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a `HostFileRegion` of a host file with `pread`, so several readers can share nothing.
public final class FileRegionSource: ByteSource {
    private let descriptor: Int32
    private let region: HostFileRegion
    private var consumed: Int64 = 0

    public init(_ region: HostFileRegion) throws {
        let fd = open(region.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ArchiveError.io(path: region.path, reason: String(cString: strerror(errno))) }
        self.descriptor = fd
        self.region = region
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let remaining = region.length - consumed
        guard remaining > 0, buffer.count > 0 else { return 0 }
        let wanted = Int(min(Int64(buffer.count), remaining))
        while true {
            let count = pread(descriptor, buffer.baseAddress, wanted, off_t(region.offset + consumed))
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ArchiveError.io(path: region.path, reason: String(cString: strerror(errno))) }
            guard count > 0 else {
                throw ArchiveError.truncated(what: "blob in \(region.path)", offset: consumed)
            }
            consumed += Int64(count)
            return count
        }
    }

    /// Moves forward without reading: only valid before any wrapper has buffered bytes.
    public func skip(_ count: Int64) { consumed = min(region.length, consumed + count) }
}

/// Reads a byte source completely, up to `limit` bytes.
public func readAll(_ source: ByteSource, limit: Int) throws -> [UInt8] {
    var out = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { return out }
        guard out.count + count <= limit else { throw ArchiveError.limitExceeded(layer: nil, limit: "content size", value: "more than \(limit) bytes") }
        out.append(contentsOf: chunk[0..<count])
    }
}
