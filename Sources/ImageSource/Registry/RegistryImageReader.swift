import Model

/// Reads an image from a registry: manifest (or index → the platform's manifest), config, and
/// every layer into the blob cache (three downloads at a time).
struct RegistryImageReader {
    var client: RegistryClient
    var cache: BlobCache
    var selector: ManifestSelector
    var assembler: ImageAssembler

    func read(_ image: ImageReference) async throws(ImageSourceError) -> ImageDescription {
        let top = try await client.manifest(image, reference: image.manifestReference)
        var manifestDigest = top.digest
        var manifest: ImageManifest
        var manifestBytes = top.bytes
        switch try ManifestDocument.parse(top.bytes, declaredType: top.mediaType, what: "manifest \(image)") {
        case .manifest(let found):
            manifest = found
            manifest.mediaType = manifest.mediaType ?? top.mediaType
        case .index(let index):
            let chosen = try selector.choose(index.manifests.map { .init(descriptor: $0, referenceName: nil) }, in: image.description)
            let child = try await client.manifest(image, reference: chosen.descriptor.digest.description)
            guard case .manifest(let found) = try ManifestDocument.parse(child.bytes, declaredType: child.mediaType ?? chosen.descriptor.mediaType,
                                                                         what: "manifest \(image.name)@\(chosen.descriptor.digest)") else {
                throw .malformed(what: "manifest \(image.name)@\(chosen.descriptor.digest)", reason: "an index points to another index")
            }
            manifest = found
            manifest.mediaType = manifest.mediaType ?? child.mediaType ?? chosen.descriptor.mediaType
            manifestDigest = child.digest
            manifestBytes = child.bytes
        }
        let configRegion = try await client.blob(image, digest: manifest.config.digest, cache: cache)
        let configBytes = try HostFiles.read(configRegion)
        let regions = try await download(manifest.layers, image: image)
        var description = try assembler.assemble(reference: image.pinned(to: manifestDigest), manifestDigest: manifestDigest, manifest: manifest,
                                      configBytes: configBytes, tags: image.tag.map { ["\(image.name):\($0)"] } ?? []) { descriptor throws(ImageSourceError) in
            guard let region = regions[descriptor.digest] else { throw .malformed(what: image.description, reason: "layer \(descriptor.digest) was not fetched") }
            return (region, true)
        }
        description.manifestBytes = manifestBytes
        return description
    }

    private func download(_ layers: [Descriptor], image: ImageReference) async throws(ImageSourceError) -> [Digest: HostFileRegion] {
        let client = self.client, cache = self.cache
        do {
            return try await withThrowingTaskGroup(of: (Digest, HostFileRegion).self) { group in
                var regions: [Digest: HostFileRegion] = [:]
                var pending = layers[...]
                func startNext() {
                    guard let layer = pending.popFirst() else { return }
                    group.addTask { (layer.digest, try await client.blob(image, digest: layer.digest, cache: cache)) }
                }
                for _ in 0..<3 { startNext() }
                while let (digest, region) = try await group.next() {
                    regions[digest] = region
                    startNext()
                }
                return regions
            }
        } catch let error as ImageSourceError {
            throw error
        } catch {
            throw .io(path: cache.directory, reason: "\(error)")
        }
    }
}
