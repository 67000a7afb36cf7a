import Model

/// Chooses one image manifest among an index's entries: by reference annotation first, then by
/// platform (the requested one, else the host's), skipping attestation manifests.
struct ManifestSelector {
    var platform: Platform?
    var reference: String?

    /// An index entry that leads to an image manifest, with the platform its index declared.
    struct Candidate {
        var descriptor: Descriptor
        var referenceName: String?
    }

    func choose(_ candidates: [Candidate], in what: String) throws(ImageSourceError) -> Candidate {
        var images = candidates.filter { !Self.isAttestation($0.descriptor) }
        guard !images.isEmpty else { throw .noMatchingImage(what: what, reason: "the index lists no image manifests") }
        if let reference {
            let named = images.filter { candidate in
                guard let name = candidate.referenceName else { return false }
                return name == reference || name.hasSuffix(":" + reference)
            }
            guard !named.isEmpty else {
                let available = Set(images.compactMap(\.referenceName)).sorted()
                throw .noMatchingImage(what: what, reason: "no entry named '\(reference)'; available: \(available.isEmpty ? "none" : available.joined(separator: ", "))")
            }
            images = named
        }
        if images.count == 1 && platform == nil { return images[0] }
        let wanted = platform ?? Platform.host
        let matching = images.filter { $0.descriptor.platform.map { $0.platform.matches(wanted) } ?? false }
        if let first = matching.first {
            // Entries with different names are different images, not platforms of one: the user must pick.
            let names = Set(matching.compactMap(\.referenceName))
            if reference == nil && names.count > 1 {
                throw .noMatchingImage(what: what, reason: "it holds several images (\(names.sorted().joined(separator: ", "))); name one as PATH:REF")
            }
            return first
        }
        if platform == nil && images.allSatisfy({ $0.descriptor.platform == nil }) {
            let names = images.map { $0.referenceName ?? $0.descriptor.digest.description }
            throw .noMatchingImage(what: what, reason: "it holds several images (\(names.joined(separator: ", "))); name one as PATH:REF")
        }
        if images.count == 1 && images[0].descriptor.platform == nil { return images[0] }  // checked against the config later
        let offered = images.compactMap { $0.descriptor.platform?.platform.description }
        throw .noMatchingImage(what: what, reason: "no image for platform \(wanted); available: \(offered.joined(separator: ", "))")
    }

    static func isAttestation(_ descriptor: Descriptor) -> Bool {
        descriptor.annotations?["vnd.docker.reference.type"] == "attestation-manifest"
            || (descriptor.platform?.os == "unknown" && descriptor.platform?.architecture == "unknown")
    }
}
