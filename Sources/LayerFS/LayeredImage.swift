import Archive
import Foundation
import Model

/// An image's layers, indexed: the file tree of each, and resolvers over the squashed view or all layers.
/// Reading never extracts anything to disk; content is served from the blobs on demand.
public struct LayeredImage: Sendable {
    public let layers: [LayerIndex]
    public let diagnostics: [LayerDiagnostic]
    private let squashedNodes: [String: FileNode]
    private let backend: ContentBackend

    /// Indexes every layer (in parallel, one task a layer) and builds the squashed tree.
    /// With `uncompressedCache`, compressed layers are also kept uncompressed there (by diff ID),
    /// which makes reading many files' contents cheap (cataloging); listing does not need it.
    public static func read(_ blobs: [LayerBlob], limits: ArchiveLimits = .default,
                            uncompressedCache: String? = nil) async throws(ArchiveError) -> LayeredImage {
        if let uncompressedCache {
            do { try FileManager.default.createDirectory(atPath: uncompressedCache, withIntermediateDirectories: true) } catch {
                throw .io(path: uncompressedCache, reason: "\(error)")
            }
        }
        let indexer = LayerIndexer(limits: limits, uncompressedCache: uncompressedCache)
        do {
            let layers = try await withThrowingTaskGroup(of: LayerIndex.self) { group in
                for (position, blob) in blobs.enumerated() {
                    group.addTask { try indexer.index(blob, position: position) }
                }
                var collected: [LayerIndex] = []
                for try await layer in group { collected.append(layer) }
                return collected.sorted { $0.position < $1.position }
            }
            return LayeredImage(layers: layers)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw .io(path: "layers", reason: "\(error)")
        }
    }

    init(layers: [LayerIndex]) {
        self.layers = layers
        let squash = Squash.squashed(layers)
        squashedNodes = squash.nodes
        diagnostics = layers.flatMap(\.diagnostics) + squash.diagnostics
        backend = .layers(layers.map {
            ContentBackend.LayerSource(region: $0.contentRegion, compression: $0.contentCompression, name: "layer \($0.position + 1) (\($0.blob.descriptor.digest))")
        })
    }

    public func resolver(scope: Scope) -> TreeResolver {
        switch scope {
        case .squashed:
            return TreeResolver(lookup: squashedNodes, listing: Array(squashedNodes.values), backend: backend)
        case .allLayers:
            let all = Squash.allLayers(layers)
            return TreeResolver(lookup: all.lookup, listing: all.listing, backend: backend)
        }
    }
}
