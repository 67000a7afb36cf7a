/// One entry of an image's file tree: the metadata a layer's tar header gave it, and the layer it came from.
public struct FileEntry: Sendable, Hashable, Codable {
    /// Absolute, cleaned path inside the image root (`/etc/passwd`).
    public var path: String
    public var type: FileType
    /// Permission bits including setuid/setgid/sticky (`0o4755`), without the type bits.
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    /// Size of the content in bytes; 0 for everything but regular files.
    public var size: Int64
    /// Symlink target as written in the archive, or the hard link's target path (cleaned, absolute).
    public var linkTarget: String?
    /// Seconds since the epoch, as the archive recorded it.
    public var modificationTime: Int64?
    /// The uncompressed digest (diff ID) of the layer this entry came from; `nil` for a plain directory source.
    public var layer: Digest?
    /// Position of that layer, 0 = bottom.
    public var layerIndex: Int

    public init(path: String, type: FileType, mode: UInt32, uid: Int = 0, gid: Int = 0, size: Int64 = 0,
                linkTarget: String? = nil, modificationTime: Int64? = nil, layer: Digest? = nil, layerIndex: Int = 0) {
        self.path = path
        self.type = type
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.linkTarget = linkTarget
        self.modificationTime = modificationTime
        self.layer = layer
        self.layerIndex = layerIndex
    }

    public var isSetUID: Bool { mode & 0o4000 != 0 }
    public var isSetGID: Bool { mode & 0o2000 != 0 }
}

/// The kind of a file-tree entry, with Syft's spellings on the wire.
public enum FileType: String, Sendable, Hashable, Codable, CaseIterable {
    case regular = "RegularFile"
    case directory = "Directory"
    case symlink = "SymbolicLink"
    case hardLink = "HardLink"
    case characterDevice = "CharacterDevice"
    case blockDevice = "BlockDevice"
    case fifo = "FIFO"

    /// The `ls -l` type letter.
    public var letter: Character {
        switch self {
        case .regular, .hardLink: "-"
        case .directory: "d"
        case .symlink: "l"
        case .characterDevice: "c"
        case .blockDevice: "b"
        case .fifo: "p"
        }
    }
}

extension FileEntry {
    /// `drwxr-xr-x`, as `ls -l` prints it.
    public var modeString: String {
        var out = String(type.letter)
        let bits: [(UInt32, Character)] = [(0o400, "r"), (0o200, "w"), (0o100, "x"), (0o040, "r"), (0o020, "w"),
                                           (0o010, "x"), (0o004, "r"), (0o002, "w"), (0o001, "x")]
        for (index, (bit, letter)) in bits.enumerated() {
            var character: Character = mode & bit != 0 ? letter : "-"
            if index == 2 && isSetUID { character = mode & bit != 0 ? "s" : "S" }
            if index == 5 && isSetGID { character = mode & bit != 0 ? "s" : "S" }
            if index == 8 && mode & 0o1000 != 0 { character = mode & bit != 0 ? "t" : "T" }
            out.append(character)
        }
        return out
    }
}
