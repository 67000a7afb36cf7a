import Archive
import Model

/// Builds the file trees a resolver serves from the per-layer indexes.
enum Squash {
    /// The union filesystem view: each layer's whiteouts and opaque markers delete from the
    /// layers below, then its entries overwrite (OCI image spec, layer.md "Applying Changesets").
    static func squashed(_ layers: [LayerIndex]) -> (nodes: [String: FileNode], diagnostics: [LayerDiagnostic]) {
        var tree: [String: FileNode] = [:]
        var diagnostics: [LayerDiagnostic] = []
        // Every directory that has held something, listed or not (tars may omit parent entries).
        var directories: Set<String> = []
        for layer in layers {
            // Deletions apply to the layers below, so they go first.
            let removeExactly = Set(layer.whiteouts)
            var removeBelow = Set(layer.whiteouts).union(layer.opaqueDirectories)
            for indexed in layer.entries where indexed.entry.type != .directory {
                // A non-directory replacing a directory hides everything that was below it.
                if directories.contains(indexed.entry.path) || tree[indexed.entry.path]?.entry.type == .directory {
                    removeBelow.insert(indexed.entry.path)
                }
            }
            if !removeBelow.isEmpty {
                tree = tree.filter { path, _ in !removeExactly.contains(path) && !hasAncestor(path, in: removeBelow) }
            }
            for indexed in layer.entries {
                let node = node(for: indexed, layer: layer, lookup: { tree[$0] })
                if indexed.entry.type == .hardLink && node.content == nil {
                    diagnostics.append(LayerDiagnostic(layer: layer.diffID, path: indexed.entry.path,
                                                       message: "hard link target \(indexed.entry.linkTarget ?? "?") not found"))
                }
                tree[indexed.entry.path] = node
                var parent = ImagePath.parent(of: indexed.entry.path)
                while parent != "/" && directories.insert(parent).inserted { parent = ImagePath.parent(of: parent) }
            }
        }
        return (tree, diagnostics)
    }

    /// Every entry of every layer, each with its own content; a path is looked up as the topmost layer wrote it.
    static func allLayers(_ layers: [LayerIndex]) -> (listing: [FileNode], lookup: [String: FileNode]) {
        var listing: [FileNode] = []
        var lookup: [String: FileNode] = [:]
        for layer in layers {
            var layerTree: [String: FileNode] = [:]
            for indexed in layer.entries {
                let node = node(for: indexed, layer: layer, lookup: { layerTree[$0] ?? lookup[$0] })
                layerTree[indexed.entry.path] = node
                listing.append(node)
            }
            lookup.merge(layerTree) { $1 }
        }
        return (listing, lookup)
    }

    private static func node(for indexed: IndexedEntry, layer: LayerIndex, lookup: (String) -> FileNode?) -> FileNode {
        var entry = indexed.entry
        switch entry.type {
        case .regular:
            return FileNode(entry: entry, content: ContentLocation(layer: layer.position, offset: indexed.dataOffset,
                                                                    size: entry.size, isSparse: indexed.isSparse))
        case .hardLink:
            let target = entry.linkTarget.flatMap(lookup)
            if let size = target?.content?.size { entry.size = size }
            return FileNode(entry: entry, content: target?.content)
        default:
            return FileNode(entry: entry, content: nil)
        }
    }

    private static func hasAncestor(_ path: String, in directories: Set<String>) -> Bool {
        var current = path
        while current != "/" {
            current = ImagePath.parent(of: current)
            if directories.contains(current) { return true }
        }
        return false
    }
}
