import Archive
import Model

/// Turns a layer's tar entries into file-tree entries: cleans and contains paths, separates
/// whiteouts (OCI image spec, layer.md "Whiteouts"), and notes what it had to change.
struct LayerTreeBuilder {
    static let whiteoutPrefix = ".wh."
    static let opaqueMarker = ".wh..wh..opq"

    let layer: Digest?
    let position: Int
    private var entries: [IndexedEntry] = []
    private var indexByPath: [String: Int] = [:]
    private var whiteouts: [String] = []
    private var opaqueDirectories: [String] = []
    private var diagnostics: [LayerDiagnostic] = []

    init(layer: Digest?, position: Int) {
        self.layer = layer
        self.position = position
    }

    mutating func add(_ tar: TarEntry) {
        let rawName = String(decoding: tar.name, as: UTF8.self)
        let cleaned = ImagePath.clean(rawName)
        let path = cleaned.path
        if cleaned.wasClamped {
            note(path, "entry '\(rawName)' is absolute or climbs above the image root; kept inside it as \(path)")
        }
        if tar.binaryName || !isValidUTF8(tar.name) {
            note(path, "entry name is not UTF-8; invalid bytes shown as U+FFFD")
        }
        if path == "/" && tar.kind == .directory { return }

        let base = ImagePath.baseName(of: path)
        if base.hasPrefix(Self.whiteoutPrefix) {
            let parent = ImagePath.parent(of: path)
            if base == Self.opaqueMarker {
                opaqueDirectories.append(parent)
            } else if base.hasPrefix(Self.whiteoutPrefix + Self.whiteoutPrefix) {
                // AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not part of the image.
            } else {
                whiteouts.append(ImagePath.join(parent, base.dropFirst(Self.whiteoutPrefix.count)))
            }
            return
        }

        let type: FileType
        switch tar.kind {
        case .regular: type = .regular
        case .directory: type = .directory
        case .symlink: type = .symlink
        case .hardLink: type = .hardLink
        case .characterDevice: type = .characterDevice
        case .blockDevice: type = .blockDevice
        case .fifo: type = .fifo
        case .other(let flag):
            note(path, "unknown tar entry type '\(Character(Unicode.Scalar(flag)))'; listed as a regular file")
            type = .regular
        }
        var linkTarget: String?
        var size = tar.size
        switch type {
        case .symlink:
            // Kept as written: resolution happens inside the image root at read time.
            linkTarget = String(decoding: tar.linkName, as: UTF8.self)
        case .hardLink:
            let target = ImagePath.clean(String(decoding: tar.linkName, as: UTF8.self))
            if target.wasClamped {
                note(path, "hard link target '\(String(decoding: tar.linkName, as: UTF8.self))' is absolute or climbs above the image root; kept inside it as \(target.path)")
            }
            linkTarget = target.path
            if let index = indexByPath[target.path] { size = entries[index].entry.size }
        default:
            break
        }
        if tar.isSparse { note(path, "sparse file: listed, content not served") }
        let entry = FileEntry(path: path, type: type, mode: tar.mode, uid: tar.uid, gid: tar.gid, size: size,
                              linkTarget: linkTarget, modificationTime: tar.modificationTime, layer: layer, layerIndex: position)
        let indexed = IndexedEntry(entry: entry, dataOffset: tar.dataOffset, isSparse: tar.isSparse)
        if let existing = indexByPath[path] {
            entries[existing] = indexed
        } else {
            indexByPath[path] = entries.count
            entries.append(indexed)
        }
    }

    func finish(blob: LayerBlob, diffID: Digest, compression: LayerCompression, contentRegion: HostFileRegion, contentCompression: LayerCompression,
                uncompressedSize: Int64, tarEntryCount: Int) -> LayerIndex {
        // The layer digest is known only now; entries recorded the config's diff ID, which the
        // indexer has just checked equals this one.
        var entries = entries
        if layer != diffID {
            for index in entries.indices { entries[index].entry.layer = diffID }
        }
        return LayerIndex(position: position, blob: blob, diffID: diffID, compression: compression,
                          contentRegion: contentRegion, contentCompression: contentCompression,
                          uncompressedSize: uncompressedSize, entries: entries, whiteouts: whiteouts,
                          opaqueDirectories: opaqueDirectories,
                          diagnostics: diagnostics.map { LayerDiagnostic(layer: diffID, path: $0.path, message: $0.message) },
                          tarEntryCount: tarEntryCount)
    }

    private mutating func note(_ path: String, _ message: String) {
        diagnostics.append(LayerDiagnostic(layer: layer, path: path, message: message))
    }

    private func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }
}
