#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Archive
import Model

/// A `FileResolver` over an in-memory file tree: the squashed image, all its layers, or a
/// directory on the host. Symlinks are resolved against the tree itself, inside the image root.
public struct TreeResolver: FileResolver {
    static let maxSymlinkHops = 40

    let lookup: [String: FileNode]
    let listing: [FileNode]
    let backend: ContentBackend

    init(lookup: [String: FileNode], listing: [FileNode], backend: ContentBackend) {
        self.lookup = lookup
        self.listing = listing.sorted { ($0.entry.path, $0.entry.layerIndex) < ($1.entry.path, $1.entry.layerIndex) }
        self.backend = backend
    }

    public var entries: [FileEntry] { listing.map(\.entry) }

    public func entry(at path: String) -> FileEntry? {
        lookup[ImagePath.clean(path).path]?.entry
    }

    public func resolve(_ path: String) throws(FileAccessError) -> FileEntry? {
        try resolveNode(path)?.entry
    }

    public func contents(of path: String) throws(FileAccessError) -> [UInt8] {
        guard let node = try resolveNode(path) else { throw .notFound(path: path) }
        guard node.entry.type == .regular || node.entry.type == .hardLink else {
            throw .notRegularFile(path: path, type: node.entry.type)
        }
        guard let content = node.content else {
            throw .unreadable(path: path, layer: node.entry.layer, reason: "hard link target \(node.entry.linkTarget ?? "?") is not in the image")
        }
        guard !content.isSparse else {
            throw .unreadable(path: path, layer: node.entry.layer, reason: "sparse files are not served")
        }
        do {
            return try backend.read(content, path: node.entry.path)
        } catch let error as ArchiveError {
            throw .unreadable(path: path, layer: node.entry.layer, reason: error.description)
        } catch {
            throw .unreadable(path: path, layer: node.entry.layer, reason: "\(error)")
        }
    }

    /// Walks `path` one component at a time, replacing each symlink met by its target.
    /// Absolute targets restart at the image root; `..` stops at the root. No host path is ever followed.
    func resolveNode(_ path: String) throws(FileAccessError) -> FileNode? {
        var pending = Array(ImagePath.clean(path).path.split(separator: "/").reversed())
        var resolved: [Substring] = []
        var hops = 0
        while let component = pending.popLast() {
            switch component {
            case ".": continue
            case "..": _ = resolved.popLast(); continue
            default: break
            }
            resolved.append(component)
            let candidate = "/" + resolved.joined(separator: "/")
            guard let node = lookup[candidate] else {
                if pending.isEmpty { return nil }
                continue  // a missing directory entry: tars may omit parents
            }
            if node.entry.type == .symlink, let target = node.entry.linkTarget {
                hops += 1
                guard hops <= Self.maxSymlinkHops else { throw .symlinkLoop(path: path) }
                resolved.removeLast()
                if target.hasPrefix("/") { resolved.removeAll() }
                pending.append(contentsOf: target.split(separator: "/").reversed())
            } else if !pending.isEmpty && node.entry.type != .directory {
                return nil  // a file used as a directory
            }
        }
        return lookup["/" + resolved.joined(separator: "/")]
    }
}

/// Where a resolver's bytes come from.
enum ContentBackend: Sendable {
    /// Layer blobs by position: content is re-read from the blob (decompressing up to the offset).
    case layers([LayerSource])
    /// A host directory: content is read from `root` + the resolved path, never through a host symlink.
    case directory(root: String)

    struct LayerSource: Sendable {
        var region: HostFileRegion
        var compression: LayerCompression
        var name: String
    }

    func read(_ content: ContentLocation, path: String) throws -> [UInt8] {
        switch self {
        case .layers(let layers):
            let layer = layers[content.layer]
            let file = try FileRegionSource(layer.region)
            if layer.compression == .none { file.skip(content.offset) }
            let stream = try Decompression.decompressor(file, compression: layer.compression, what: layer.name)
            if layer.compression != .none { try discard(stream, count: content.offset) }
            return try readExactly(stream, count: content.size, what: path)
        case .directory(let root):
            let fd = open(root + path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw ArchiveError.io(path: root + path, reason: String(cString: strerror(errno))) }
            close(fd)
            let file = try FileRegionSource(HostFileRegion(path: root + path, offset: 0, length: content.size))
            return try readExactly(file, count: content.size, what: path)
        }
    }

    private func discard(_ source: ByteSource, count: Int64) throws {
        var remaining = count
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { scratch.deallocate() }
        while remaining > 0 {
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<Int(min(Int64(scratch.count), remaining))]))
            guard read > 0 else { throw ArchiveError.truncated(what: "layer stream", offset: count - remaining) }
            remaining -= Int64(read)
        }
    }

    private func readExactly(_ source: ByteSource, count: Int64, what: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(count))
        var filled = 0
        while filled < out.count {
            let read = try out.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            guard read > 0 else { throw ArchiveError.truncated(what: what, offset: Int64(filled)) }
            filled += read
        }
        return out
    }
}
