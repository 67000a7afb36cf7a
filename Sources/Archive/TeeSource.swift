#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// Passes bytes through while copying them into a file, which appears at `path` only when
/// `commit()` is called after the whole stream was read and checked; `discard()` removes it.
public final class TeeSource: ByteSource {
    private let inner: ByteSource
    private let path: String
    private let temporary: String
    private var descriptor: Int32

    public init(_ inner: ByteSource, writingTo path: String) throws {
        self.inner = inner
        self.path = path
        temporary = "\(path).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).partial"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ArchiveError.io(path: temporary, reason: String(cString: strerror(errno))) }
    }

    deinit { discard() }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inner.read(into: buffer)
        var written = 0
        while written < count {
            let result = write(descriptor, buffer.baseAddress! + written, count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw ArchiveError.io(path: temporary, reason: String(cString: strerror(errno))) }
            written += result
        }
        return count
    }

    /// Moves the finished copy into place.
    public func commit() throws {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ArchiveError.io(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Drops the partial copy (a failed or abandoned read).
    public func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary)
    }
}
