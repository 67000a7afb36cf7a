/// Media types of the OCI image spec and Docker's v2 formats that Hawser reads.
public enum MediaType {
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let ociLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd"
    public static let ociLayerNonDistributableGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"

    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    public static let dockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
    public static let dockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json"
    public static let dockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"

    /// Manifest types a registry client asks for, best first.
    public static let acceptedManifests = [ociIndex, ociManifest, dockerManifestList, dockerManifest]

    public static func isIndex(_ type: String?) -> Bool { type == ociIndex || type == dockerManifestList }
    public static func isManifest(_ type: String?) -> Bool { type == ociManifest || type == dockerManifest }
    public static func isSchema1(_ type: String?) -> Bool { type == dockerSchema1 || type == dockerSchema1Signed }

    /// The compression a layer media type declares; `nil` when the type says nothing (sniff the bytes).
    public static func layerCompression(_ type: String) -> LayerCompression? {
        if type.hasSuffix("+zstd") || type.hasSuffix(".zstd") { return .zstd }
        if type.hasSuffix("+gzip") || type.hasSuffix(".gzip") { return .gzip }
        if type == ociLayer || type.hasSuffix(".tar") { return LayerCompression.none }
        return nil
    }
}

/// How a layer blob is compressed.
public enum LayerCompression: String, Sendable, Codable {
    case none, gzip, zstd
}
