#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Archive
import Model

/// The files of an image layout or `docker save` tarball, wherever they are: a directory on the
/// host, or members of a tar read in place.
protocol LayoutFiles: Sendable {
    /// What to call it in messages.
    var name: String { get }
    /// Where the bytes of `relativePath` are, or `nil` when there is no such regular file.
    func region(_ relativePath: String) throws(ImageSourceError) -> HostFileRegion?
}

extension LayoutFiles {
    func read(_ relativePath: String) throws(ImageSourceError) -> [UInt8] {
        guard let region = try region(relativePath) else {
            throw .malformed(what: name, reason: "\(relativePath) is missing")
        }
        return try HostFiles.read(region)
    }

    /// A blob of an OCI layout, checked against its digest when `verify` is set.
    func blob(_ digest: Digest) throws(ImageSourceError) -> HostFileRegion {
        guard let region = try region("blobs/\(digest.algorithm)/\(digest.encoded)") else {
            throw .malformed(what: name, reason: "blob \(digest) is missing")
        }
        return region
    }

    func verifiedBlob(_ digest: Digest, what: String) throws(ImageSourceError) -> [UInt8] {
        let bytes = try HostFiles.read(try blob(digest))
        let actual = digest.recomputed(over: bytes)
        guard actual == digest else {
            throw .digestMismatch(what: "\(what) in \(name)", expected: digest, actual: actual)
        }
        return bytes
    }
}

/// Layout files in a host directory. Only regular files strictly inside the root are served:
/// a path with `..` or a symlink out of the layout is refused.
struct DirectoryLayoutFiles: LayoutFiles {
    let root: String
    var name: String { root }

    func region(_ relativePath: String) throws(ImageSourceError) -> HostFileRegion? {
        let components = relativePath.split(separator: "/")
        guard !relativePath.hasPrefix("/"), !components.contains(where: { $0 == ".." || $0 == "." }) else {
            throw .malformed(what: name, reason: "refusing path '\(relativePath)' outside the layout")
        }
        let path = root + "/" + relativePath
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .malformed(what: name, reason: "\(relativePath) is not a regular file")
        }
        return HostFileRegion(path: path, offset: 0, length: Int64(info.st_size))
    }
}

/// Members of an uncompressed tar, indexed once and read in place by offset.
struct ArchiveLayoutFiles: LayoutFiles {
    let name: String
    private let members: [String: HostFileRegion]
    private let links: [String: String]

    /// Indexes the archive at `path`; a gzip or zstd compressed archive (`docker save | gzip`) is
    /// first decompressed once into `cache`, because members are read in place by offset.
    init(archive path: String, cache: BlobCache, limits: ArchiveLimits = .default) throws(ImageSourceError) {
        let length = try HostFiles.size(path)
        let compression: LayerCompression
        do { compression = try Decompression.sniff(HostFileRegion(path: path, offset: 0, length: length)) } catch {
            throw .io(path: path, reason: "\(error)")
        }
        let readable = compression == .none ? path : try cache.decompressedArchive(path, length: length, compression: compression, limits: limits)
        try self.init(tar: readable, name: path, limits: limits)
    }

    private init(tar path: String, name: String, limits: ArchiveLimits) throws(ImageSourceError) {
        self.name = name
        let length = try HostFiles.size(path)
        var members: [String: HostFileRegion] = [:]
        var links: [String: String] = [:]
        do {
            let region = HostFileRegion(path: path, offset: 0, length: length)
            let reader = TarReader(try FileRegionSource(region), limits: limits, what: path)
            while let entry = try reader.next() {
                guard members.count + links.count < limits.maxEntries else {
                    throw ArchiveError.limitExceeded(layer: path, limit: "entry count", value: "more than \(limits.maxEntries)")
                }
                let member = Self.clean(String(decoding: entry.name, as: UTF8.self))
                switch entry.kind {
                case .regular:
                    members[member] = HostFileRegion(path: path, offset: entry.dataOffset, length: entry.storedSize)
                case .symlink:
                    links[member] = Self.clean(Self.join(Self.directory(of: member), String(decoding: entry.linkName, as: UTF8.self)))
                case .hardLink:
                    links[member] = Self.clean(String(decoding: entry.linkName, as: UTF8.self))
                default:
                    continue
                }
            }
        } catch let error as ImageSourceError {
            throw error
        } catch let error as ArchiveError {
            throw .malformed(what: path, reason: error.description)
        } catch {
            throw .io(path: path, reason: "\(error)")
        }
        self.members = members
        self.links = links
    }

    func region(_ relativePath: String) throws(ImageSourceError) -> HostFileRegion? {
        var current = Self.clean(relativePath)
        for _ in 0..<8 {
            if let region = members[current] { return region }
            guard let target = links[current] else { return nil }
            current = target
        }
        throw .malformed(what: name, reason: "too many links resolving \(relativePath)")
    }

    /// Member names without `./`, leading `/`, or `..` that would climb out.
    static func clean(_ name: String) -> String {
        var stack: [Substring] = []
        for component in name.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = stack.popLast()
            default: stack.append(component)
            }
        }
        return stack.joined(separator: "/")
    }

    static func directory(of member: String) -> String {
        guard let slash = member.lastIndex(of: "/") else { return "" }
        return String(member[..<slash])
    }

    static func join(_ directory: String, _ target: String) -> String {
        if target.hasPrefix("/") || directory.isEmpty { return target }
        return directory + "/" + target
    }
}
