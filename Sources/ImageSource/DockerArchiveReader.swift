import Model

/// Reads a `docker save` tarball: `manifest.json` lists each image's config, repo tags and layer
/// tars. Layers there are usually uncompressed, so their digest is their diff ID.
struct DockerArchiveReader {
    var files: ArchiveLayoutFiles
    var reference: String?
    var assembler: ImageAssembler

    struct Entry: Decodable {
        var config: String
        var repoTags: [String]?
        var layers: [String]

        enum CodingKeys: String, CodingKey { case config = "Config", repoTags = "RepoTags", layers = "Layers" }
    }

    func read() throws(ImageSourceError) -> ImageDescription {
        let entries = try JSONErrors.decode([Entry].self, from: try files.read("manifest.json"), what: "\(files.name)/manifest.json")
        let entry = try choose(entries)
        let configBytes = try files.read(entry.config)
        let configDigest = Digest.sha256(of: configBytes)
        let configuration = try JSONErrors.decode(ImageConfiguration.self, from: configBytes, what: "image configuration \(entry.config)")
        guard configuration.diffIDs.count == entry.layers.count else {
            throw .malformed(what: "\(files.name)/manifest.json", reason: "\(entry.layers.count) layers listed but the configuration has \(configuration.diffIDs.count) diff IDs")
        }
        var layerDescriptors: [Descriptor] = []
        var regions: [Digest: HostFileRegion] = [:]
        for (path, diffID) in zip(entry.layers, configuration.diffIDs) {
            guard let region = try files.region(path) else {
                throw .malformed(what: files.name, reason: "layer \(path) is missing")
            }
            // The blob digest of a layer tar is only known after reading it; name it by diff ID when
            // uncompressed (the indexer verifies that), else by the digest in its file name.
            let named = ArchiveLayoutFiles.clean(path).split(separator: "/").last.map(String.init) ?? path
            let stem = named.split(separator: ".").first.map(String.init) ?? named
            let digest = (try? Digest(parsing: "sha256:\(stem)")) ?? diffID
            layerDescriptors.append(Descriptor(mediaType: MediaType.dockerLayerGzip.replacingOccurrences(of: ".gzip", with: ""),
                                               digest: digest, size: region.length))
            regions[digest] = region
        }
        let manifest = ImageManifest(mediaType: MediaType.dockerManifest,
                                     config: Descriptor(mediaType: MediaType.dockerConfig, digest: configDigest, size: Int64(configBytes.count)),
                                     layers: layerDescriptors)
        let reference = entry.repoTags?.first.flatMap { try? ImageReference(parsing: $0) }
        return try assembler.assemble(reference: reference, manifestDigest: nil, manifest: manifest, configBytes: configBytes,
                                      tags: entry.repoTags ?? []) { descriptor throws(ImageSourceError) in
            guard let region = regions[descriptor.digest] else { throw .malformed(what: files.name, reason: "layer \(descriptor.digest) is missing") }
            return (region, false)
        }
    }

    private func choose(_ entries: [Entry]) throws(ImageSourceError) -> Entry {
        guard !entries.isEmpty else { throw .noMatchingImage(what: files.name, reason: "manifest.json lists no images") }
        guard let reference else {
            guard entries.count == 1 else {
                let tags = entries.flatMap { $0.repoTags ?? [] }
                throw .noMatchingImage(what: files.name, reason: "it holds \(entries.count) images; name one as PATH:TAG (\(tags.joined(separator: ", ")))")
            }
            return entries[0]
        }
        let wanted = (try? ImageReference(parsing: reference))?.description
        if let match = entries.first(where: { entry in
            (entry.repoTags ?? []).contains { tag in tag == reference || tag.hasSuffix(":" + reference) || (try? ImageReference(parsing: tag))?.description == wanted }
        }) { return match }
        throw .noMatchingImage(what: files.name, reason: "no image tagged '\(reference)'")
    }
}
