import Model

/// Reads an OCI image layout (https://github.com/opencontainers/image-spec/blob/main/image-layout.md),
/// from a directory or an archive of one: `index.json` → (nested indexes) → manifest → config and layers.
struct OCILayoutReader {
    var files: any LayoutFiles
    var selector: ManifestSelector
    var assembler: ImageAssembler

    func read() throws(ImageSourceError) -> ImageDescription {
        let layoutMarker = try files.region("oci-layout")
        let indexBytes = try files.read("index.json")
        if layoutMarker == nil && indexBytes.isEmpty {
            throw .malformed(what: files.name, reason: "not an OCI image layout (no oci-layout or index.json)")
        }
        guard case .index(let index) = try ManifestDocument.parse(indexBytes, declaredType: MediaType.ociIndex, what: "\(files.name)/index.json") else {
            throw .malformed(what: "\(files.name)/index.json", reason: "not an image index")
        }
        let candidates = try expand(index.manifests, referenceName: nil, depth: 0)
        let chosen = try selector.choose(candidates, in: files.name)
        let manifestBytes = try files.verifiedBlob(chosen.descriptor.digest, what: "manifest")
        guard case .manifest(var manifest) = try ManifestDocument.parse(manifestBytes, declaredType: chosen.descriptor.mediaType,
                                                                        what: "manifest \(chosen.descriptor.digest)") else {
            throw .malformed(what: "manifest \(chosen.descriptor.digest)", reason: "expected an image manifest")
        }
        manifest.mediaType = manifest.mediaType ?? chosen.descriptor.mediaType
        let configBytes = try files.verifiedBlob(manifest.config.digest, what: "configuration")
        let files = self.files
        return try assembler.assemble(reference: nil, manifestDigest: chosen.descriptor.digest, manifest: manifest, configBytes: configBytes,
                                      tags: chosen.referenceName.map { [$0] } ?? []) { descriptor throws(ImageSourceError) in
            (try files.blob(descriptor.digest), false)
        }
    }

    /// Follows nested indexes (as `oci-multi/` has: index.json → image index blob → manifests).
    private func expand(_ descriptors: [Descriptor], referenceName: String?, depth: Int) throws(ImageSourceError) -> [ManifestSelector.Candidate] {
        guard depth < 4 else { throw .malformed(what: files.name, reason: "indexes nested too deeply") }
        var candidates: [ManifestSelector.Candidate] = []
        for descriptor in descriptors {
            let name = descriptor.referenceName ?? referenceName
            if MediaType.isIndex(descriptor.mediaType) {
                let bytes = try files.verifiedBlob(descriptor.digest, what: "image index")
                guard case .index(let nested) = try ManifestDocument.parse(bytes, declaredType: descriptor.mediaType, what: "index \(descriptor.digest)") else {
                    throw .malformed(what: "index \(descriptor.digest)", reason: "expected an image index")
                }
                candidates += try expand(nested.manifests, referenceName: name, depth: depth + 1)
            } else {
                candidates.append(.init(descriptor: descriptor, referenceName: name))
            }
        }
        return candidates
    }
}
