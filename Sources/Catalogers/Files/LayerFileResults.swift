import Model

/// What the per-file analyses found in one layer's files — SHA-256 digests and secret-search
/// findings — reusable by any image that has the layer (layers are identified by diff ID, so the
/// same files give the same results). Lets an image that shares layers with one analysed before
/// skip reading and hashing their files.
public struct LayerFileResults: Sendable, Hashable, Codable {
    /// Version of this document. Changelog: 1 — first version.
    public static let version = 1

    public var version: Int
    /// Path → SHA-256 of the layer's regular files within the digest size limit.
    public var digests: [String: String]
    /// Paths of the layer's files the secrets search read, found or not.
    public var searched: Set<String>
    /// Findings in the layer's files.
    public var secrets: [SecretFinding]

    public init(digests: [String: String] = [:], searched: Set<String> = [], secrets: [SecretFinding] = []) {
        version = Self.version
        self.digests = digests
        self.searched = searched
        self.secrets = secrets
    }

    /// This layer's share of an analysis: the digests, searched paths and findings of the files that came from `layer`.
    public static func collect(layer: Digest, files: [FileRecord], searched: [FileEntry], secrets: [SecretFinding]) -> LayerFileResults {
        var results = LayerFileResults()
        for file in files where file.location.layer == layer {
            if let digest = file.sha256 { results.digests[file.location.path] = digest }
        }
        results.searched = Set(searched.filter { $0.layer == layer }.map(\.path))
        results.secrets = secrets.filter { $0.location.layer == layer }
        return results
    }

    /// The union of two analyses of the same layer (each image may show a different part of it).
    public func merging(_ other: LayerFileResults) -> LayerFileResults {
        var merged = self
        merged.digests.merge(other.digests) { mine, _ in mine }
        merged.searched.formUnion(other.searched)
        for finding in other.secrets where !merged.secrets.contains(finding) { merged.secrets.append(finding) }
        return merged
    }
}
