#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Archive
import Model

/// Small host-filesystem helpers for local sources.
enum HostFiles {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func size(_ path: String) throws(ImageSourceError) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw .fileNotFound(path: path) }
            throw .io(path: path, reason: String(cString: strerror(errno)))
        }
        return Int64(info.st_size)
    }

    /// Reads a whole region, refusing more than `limit` bytes (manifests and configs are small).
    static func read(_ region: HostFileRegion, limit: Int = 16 << 20) throws(ImageSourceError) -> [UInt8] {
        guard region.length <= Int64(limit) else {
            throw .malformed(what: region.path, reason: "\(region.length) bytes is larger than the \(limit)-byte limit for metadata")
        }
        do {
            return try readAll(try FileRegionSource(region), limit: limit)
        } catch {
            throw .io(path: region.path, reason: "\(error)")
        }
    }
}
