#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Archive
import Model

/// A plain directory read as an image root (`dir:PATH`): walked with `lstat`, so symlinks are
/// recorded, never followed on the host; they resolve inside the tree like an image's.
public enum DirectoryTree {
    public static func read(root: String, limits: ArchiveLimits = .default) throws(ArchiveError) -> TreeResolver {
        var rootPath = root
        while rootPath.count > 1 && rootPath.hasSuffix("/") { rootPath.removeLast() }
        var info = stat()
        guard lstat(rootPath, &info) == 0 else { throw .io(path: rootPath, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .io(path: rootPath, reason: "not a directory") }
        var nodes: [String: FileNode] = [:]
        var pending = ["/"]
        while let directory = pending.popLast() {
            let hostDirectory = directory == "/" ? rootPath : rootPath + directory
            guard let handle = opendir(hostDirectory) else {
                throw .io(path: hostDirectory, reason: String(cString: strerror(errno)))
            }
            defer { closedir(handle) }
            while let item = readdir(handle) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = directory == "/" ? "/" + name : directory + "/" + name
                let hostPath = rootPath + path
                var status = stat()
                guard lstat(hostPath, &status) == 0 else { continue }  // vanished while walking
                guard nodes.count < limits.maxEntries else {
                    throw .limitExceeded(layer: rootPath, limit: "entry count", value: "more than \(limits.maxEntries) entries")
                }
                let node = Self.node(path: path, hostPath: hostPath, status: status)
                nodes[path] = node
                if node.entry.type == .directory { pending.append(path) }
            }
        }
        return TreeResolver(lookup: nodes, listing: Array(nodes.values), backend: .directory(root: rootPath))
    }

    static func node(path: String, hostPath: String, status: stat) -> FileNode {
        let type: FileType
        switch status.st_mode & S_IFMT {
        case S_IFDIR: type = .directory
        case S_IFLNK: type = .symlink
        case S_IFCHR: type = .characterDevice
        case S_IFBLK: type = .blockDevice
        case S_IFIFO: type = .fifo
        default: type = .regular
        }
        var linkTarget: String?
        if type == .symlink {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(hostPath, &buffer, buffer.count - 1)
            if count >= 0 {
                linkTarget = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        let size = type == .regular ? Int64(status.st_size) : 0
        let entry = FileEntry(path: path, type: type, mode: UInt32(status.st_mode) & 0o7777, uid: Int(status.st_uid), gid: Int(status.st_gid),
                              size: size, linkTarget: linkTarget, modificationTime: Int64(status.st_mtim.tv_sec), layer: nil, layerIndex: 0)
        let content = type == .regular ? ContentLocation(layer: 0, offset: 0, size: size, isSparse: false) : nil
        return FileNode(entry: entry, content: content)
    }
}
