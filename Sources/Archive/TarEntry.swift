/// One member of a tar stream after pax and GNU extension headers were applied to it.
public struct TarEntry {
    public enum Kind: Equatable {
        case regular, hardLink, symlink, characterDevice, blockDevice, directory, fifo
        case other(UInt8)
    }

    /// The name as raw bytes: tar names need not be UTF-8.
    public var name: [UInt8]
    public var linkName: [UInt8]
    public var kind: Kind
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    /// Bytes of data stored in the archive after the header.
    public var storedSize: Int64
    /// The file's logical size (differs from `storedSize` for sparse files).
    public var size: Int64
    public var modificationTime: Int64
    /// Offset of the first data byte in the uncompressed stream.
    public var dataOffset: Int64
    public var isSparse: Bool
    /// True when the pax header said the name is not in UTF-8 (`hdrcharset=BINARY`).
    public var binaryName: Bool
}
