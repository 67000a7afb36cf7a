/// A byte range of a file on the host: where a blob's bytes are, whether a cached blob file
/// or an entry inside an archive (read in place, never copied out).
public struct HostFileRegion: Sendable, Hashable {
    public var path: String
    public var offset: Int64
    public var length: Int64

    public init(path: String, offset: Int64 = 0, length: Int64) {
        self.path = path
        self.offset = offset
        self.length = length
    }
}

/// One layer as a source found it.
public struct LayerBlob: Sendable, Hashable {
    /// What the manifest says: media type, (compressed) digest and size.
    public var descriptor: Descriptor
    /// The uncompressed digest the configuration lists for this layer.
    public var diffID: Digest?
    public var region: HostFileRegion
    /// True when the blob's digest was already checked against its bytes (e.g. while downloading).
    public var digestVerified: Bool

    public init(descriptor: Descriptor, diffID: Digest?, region: HostFileRegion, digestVerified: Bool) {
        self.descriptor = descriptor
        self.diffID = diffID
        self.region = region
        self.digestVerified = digestVerified
    }
}

/// Everything a source tells about one image before its layers are read.
public struct ImageDescription: Sendable, Hashable {
    /// The source string as the user gave it.
    public var source: String
    /// `registry`, `oci-dir`, `oci-archive`, `docker-archive`.
    public var sourceKind: String
    public var reference: ImageReference?
    public var manifestDigest: Digest?
    public var manifestMediaType: String?
    public var configDigest: Digest
    public var configuration: ImageConfiguration
    public var layers: [LayerBlob]
    /// Tags the source named for the image (docker-archive `RepoTags`, OCI ref annotation).
    public var tags: [String]
    /// The manifest exactly as the source served it (registry and OCI layouts), for the service to keep.
    public var manifestBytes: [UInt8]?
    /// The image configuration exactly as the source served it.
    public var configBytes: [UInt8]?

    public init(source: String, sourceKind: String, reference: ImageReference?, manifestDigest: Digest?, manifestMediaType: String?,
                configDigest: Digest, configuration: ImageConfiguration, layers: [LayerBlob], tags: [String] = []) {
        self.source = source
        self.sourceKind = sourceKind
        self.reference = reference
        self.manifestDigest = manifestDigest
        self.manifestMediaType = manifestMediaType
        self.configDigest = configDigest
        self.configuration = configuration
        self.layers = layers
        self.tags = tags
    }

    public var platform: Platform? { configuration.platform }
}
