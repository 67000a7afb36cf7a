import Model

/// Puts a manifest, its configuration and its layer locations together into an `ImageDescription`,
/// checking that they agree (one diff ID a layer, the platform asked for).
struct ImageAssembler {
    var source: String
    var sourceKind: String
    var platform: Platform?

    func assemble(reference: ImageReference?, manifestDigest: Digest?, manifest: ImageManifest, configBytes: [UInt8],
                  tags: [String], layerRegion: (Descriptor) throws(ImageSourceError) -> (HostFileRegion, Bool)) throws(ImageSourceError) -> ImageDescription {
        let configuration = try JSONErrors.decode(ImageConfiguration.self, from: configBytes, what: "image configuration \(manifest.config.digest)")
        let diffIDs = configuration.diffIDs
        guard diffIDs.count == manifest.layers.count else {
            throw .malformed(what: "image \(source)", reason: "the manifest lists \(manifest.layers.count) layers but the configuration \(diffIDs.count) diff IDs")
        }
        if let platform, let actual = configuration.platform, !actual.matches(platform) {
            throw .noMatchingImage(what: source, reason: "the image is for \(actual), not \(platform)")
        }
        var layers: [LayerBlob] = []
        for (descriptor, diffID) in zip(manifest.layers, diffIDs) {
            let (region, verified) = try layerRegion(descriptor)
            layers.append(LayerBlob(descriptor: descriptor, diffID: diffID, region: region, digestVerified: verified))
        }
        var description = ImageDescription(source: source, sourceKind: sourceKind, reference: reference, manifestDigest: manifestDigest,
                                           manifestMediaType: manifest.mediaType, configDigest: manifest.config.digest,
                                           configuration: configuration, layers: layers, tags: tags)
        description.configBytes = configBytes
        return description
    }
}
