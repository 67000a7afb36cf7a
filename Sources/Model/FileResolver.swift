/// Read access to an image's file tree, without extracting it: what catalogers read through.
///
/// Whether the tree is the squashed image, one layer, or a directory on disk is the resolver's
/// business, never the reader's (Syft's "scope").
public protocol FileResolver: Sendable {
    /// Every entry, sorted by path.
    var entries: [FileEntry] { get }

    /// The entry at exactly `path` (symlinks in it are not followed).
    func entry(at path: String) -> FileEntry?

    /// The entry `path` leads to, following symlinks inside the image root; `nil` when nothing is there.
    func resolve(_ path: String) throws(FileAccessError) -> FileEntry?

    /// Entries whose path matches a glob (`*`, `?`, `[…]`, and `**` across directories).
    func entries(matching glob: String) -> [FileEntry]

    /// The content of the regular file `path` leads to (symlinks and hard links followed).
    func contents(of path: String) throws(FileAccessError) -> [UInt8]
}

extension FileResolver {
    public func entries(matching glob: String) -> [FileEntry] {
        let pattern = Glob(glob)
        return entries.filter { pattern.matches($0.path) }
    }
}

/// Why a file could not be read.
public enum FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case notRegularFile(path: String, type: FileType)
    case symlinkLoop(path: String)
    case unreadable(path: String, layer: Digest?, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "no such file in the image: \(path)"
        case .notRegularFile(let path, let type): "\(path) is not a regular file (\(type.rawValue))"
        case .symlinkLoop(let path): "too many levels of symbolic links resolving \(path)"
        case .unreadable(let path, let layer, let reason):
            "cannot read \(path)\(layer.map { " from layer \($0)" } ?? ""): \(reason)"
        }
    }
}
