import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File plumbing for atomic replacement: temporary siblings, fsync, `rename(2)`, an advisory lock.
enum VulnDBFiles {
    /// A fresh temporary path in the target's directory (same file system, so `rename` is atomic).
    static func temporarySibling(of path: String, purpose: String) -> String {
        "\(path).\(purpose)-\(UUID().uuidString.prefix(8)).tmp"
    }

    static func size(of path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func createParentDirectory(of path: String) throws(VulnDBError) {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .io(path: parent, operation: "create directory", message: "\(error)")
        }
    }

    /// Removes a file and SQLite's sidecars (`-journal`, `-wal`, `-shm`), ignoring missing ones.
    static func removeDatabase(at path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            unlink(path + suffix)
        }
    }

    static func syncToDisk(path: String) throws(VulnDBError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, operation: "open for fsync", message: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(path: path, operation: "fsync", message: String(cString: strerror(errno))) }
    }

    /// Atomically puts `source` in place of `target`. Stale sidecars of the old target are removed
    /// first: a leftover hot `-journal` would otherwise be "rolled back" into the new file.
    static func replace(_ target: String, with source: String) throws(VulnDBError) {
        try syncToDisk(path: source)
        for suffix in ["-journal", "-wal", "-shm"] { unlink(target + suffix) }
        guard rename(source, target) == 0 else {
            throw .io(path: target, operation: "rename from \(source)", message: String(cString: strerror(errno)))
        }
        let directory = (target as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    /// Runs `body` holding an exclusive `flock` on `<path>.lock`, so two writers (a build and a
    /// replace, two imports) never interleave on one database.
    static func withWriteLock<T>(on path: String, _ body: () throws(VulnDBError) -> T) throws(VulnDBError) -> T {
        try createParentDirectory(of: path)
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw .io(path: lockPath, operation: "open lock", message: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw .io(path: lockPath, operation: "lock", message: String(cString: strerror(errno))) }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
