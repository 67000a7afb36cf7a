import Archive
import Model

/// A file-tree entry and where its bytes are, as a resolver keeps it.
struct FileNode: Sendable, Hashable {
    var entry: FileEntry
    /// For regular files and hard links: the bytes to serve (a hard link's are its target's).
    var content: ContentLocation?
}

/// Where a file's bytes are: a range of a layer's uncompressed tar stream, or a host file below a directory root.
struct ContentLocation: Sendable, Hashable {
    var layer: Int
    var offset: Int64
    var size: Int64
    var isSparse: Bool
}
