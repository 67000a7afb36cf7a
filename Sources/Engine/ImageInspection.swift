import ImageSource
import LayerFS
import Model

/// The facts `hawser inspect` shows about an image: identity, platform, layers and run configuration.
public struct ImageInspection: Sendable, Codable {
    public struct Layer: Sendable, Codable {
        public var digest: Digest
        public var diffID: Digest
        public var mediaType: String
        public var compression: LayerCompression
        public var size: Int64
        public var uncompressedSize: Int64
        public var entries: Int
        public var createdBy: String?
    }

    public var source: String
    public var sourceKind: String
    public var reference: String?
    public var digest: Digest?
    public var mediaType: String?
    public var platform: String?
    public var configDigest: Digest?
    public var created: String?
    public var tags: [String]
    public var layers: [Layer]
    public var config: RunConfiguration?
    public var history: [HistoryEntry]
    public var diagnostics: [String]

    init(_ opened: OpenedImage) {
        source = opened.source.description
        sourceKind = opened.source.kind
        diagnostics = opened.diagnostics.map(\.description)
        switch opened.content {
        case .image(let description, let layered):
            reference = description.reference?.description
            digest = description.manifestDigest
            mediaType = description.manifestMediaType
            platform = description.platform?.description
            configDigest = description.configDigest
            created = description.configuration.created
            tags = description.tags
            config = description.configuration.config
            history = description.configuration.history ?? []
            let nonEmptyHistory = history.filter { $0.emptyLayer != true }
            layers = layered.layers.map { layer in
                Layer(digest: layer.blob.descriptor.digest, diffID: layer.diffID, mediaType: layer.blob.descriptor.mediaType,
                      compression: layer.compression, size: layer.blob.region.length, uncompressedSize: layer.uncompressedSize,
                      entries: layer.tarEntryCount,
                      createdBy: nonEmptyHistory.count == layered.layers.count ? nonEmptyHistory[layer.position].createdBy : nil)
            }
        case .directory(let path, let resolver):
            reference = path
            tags = []
            history = []
            layers = []
            diagnostics.append("directory source: \(resolver.entries.count) entries, no layers")
        }
    }
}
