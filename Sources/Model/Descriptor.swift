/// An OCI content descriptor: what a manifest or index says about a blob it points to.
/// https://github.com/opencontainers/image-spec/blob/main/descriptor.md
public struct Descriptor: Sendable, Hashable, Codable {
    public var mediaType: String
    public var digest: Digest
    public var size: Int64
    public var annotations: [String: String]?
    public var platform: DescriptorPlatform?
    public var urls: [String]?

    public init(mediaType: String, digest: Digest, size: Int64, annotations: [String: String]? = nil, platform: DescriptorPlatform? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.annotations = annotations
        self.platform = platform
    }

    /// The `org.opencontainers.image.ref.name` annotation of an OCI layout's index entry.
    public var referenceName: String? { annotations?["org.opencontainers.image.ref.name"] }
}

/// The `platform` object of an index entry, in the spec's own field names.
public struct DescriptorPlatform: Sendable, Hashable, Codable {
    public var os: String
    public var architecture: String
    public var variant: String?

    enum CodingKeys: String, CodingKey { case os, architecture, variant }

    public init(_ platform: Platform) {
        os = platform.os
        architecture = platform.architecture
        variant = platform.variant
    }

    public var platform: Platform { Platform(os: os, architecture: architecture, variant: variant) }
}
