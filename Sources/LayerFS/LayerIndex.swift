import Archive
import Model

/// What one layer holds: its entries with where their bytes sit in the uncompressed stream, and
/// the deletions (whiteouts) it applies to the layers below.
public struct LayerIndex: Sendable {
    /// The layer's position, 0 = bottom.
    public var position: Int
    /// The blob as the manifest named it.
    public var blob: LayerBlob
    /// The uncompressed digest, computed while reading (and checked against the config's diff ID).
    public var diffID: Digest
    public var compression: LayerCompression
    /// Where file contents are read from: the blob itself, or an uncompressed copy of it.
    public var contentRegion: HostFileRegion
    public var contentCompression: LayerCompression
    public var uncompressedSize: Int64
    /// Entries in archive order; a path written twice keeps only its last entry.
    public var entries: [IndexedEntry]
    /// Paths a `.wh.NAME` whiteout deletes from the layers below.
    public var whiteouts: [String]
    /// Directories a `.wh..wh..opq` marker empties of everything from the layers below.
    public var opaqueDirectories: [String]
    public var diagnostics: [LayerDiagnostic]

    /// Entries in the layer's tar, whiteout markers included.
    public var tarEntryCount: Int
}

/// A file-tree entry plus where to find its content.
public struct IndexedEntry: Sendable, Hashable {
    public var entry: FileEntry
    /// Offset of the data in the layer's uncompressed tar stream.
    public var dataOffset: Int64
    /// Sparse files are listed but their content is not served.
    public var isSparse: Bool
}
