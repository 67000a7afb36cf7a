import Catalogers
import LayerFS

/// What `sbom` analyses besides packages.
public struct AnalysisOptions: Sendable {
    public var scope: Scope
    /// Record every file, with SHA-256 digests of regular files up to `digestSizeLimit`.
    public var fileRecords: Bool
    public var digestSizeLimit: Int64
    public var secretPatterns: [SecretPattern]
    public var secretMaxFileSize: Int64
    /// Anchore's `content_search`: `NAME=REGEX` patterns whose matches the `files.content_regex_match`
    /// policy trigger reads; empty: no content search.
    public var contentPatterns: [SecretPattern] = []
    /// Check package-owned files against their package databases' digests (`packages.verify`).
    public var verifyPackageFiles = true

    /// `contentPatterns` as their `NAME=REGEX` entries (an entry not of that form is dropped).
    public var contentSearch: [String] {
        get { contentPatterns.map(\.name) }
        set { contentPatterns = newValue.compactMap { SecretPattern(definition: $0, namedByEntry: true) } }
    }
    /// Files kept whole in the SBOM for policy checks.
    public var retrievedFiles: [String]
    /// The real Dockerfile, when the user has it; otherwise one is reconstructed from the history.
    public var dockerfile: String?
    /// Where per-layer results of the per-file analyses (digests, secrets) are kept by layer diff ID,
    /// so an image sharing layers with one analysed before skips reading and hashing their files; nil: off.
    public var layerCacheDirectory: String?

    public init(scope: Scope = .squashed, fileRecords: Bool = true, digestSizeLimit: Int64 = 32 << 20,
                secretPatterns: [SecretPattern] = SecretPattern.defaults, secretMaxFileSize: Int64 = 1 << 20,
                retrievedFiles: [String] = ["/etc/passwd"], dockerfile: String? = nil, layerCacheDirectory: String? = nil) {
        self.scope = scope
        self.fileRecords = fileRecords
        self.digestSizeLimit = digestSizeLimit
        self.secretPatterns = secretPatterns
        self.secretMaxFileSize = secretMaxFileSize
        self.retrievedFiles = retrievedFiles
        self.dockerfile = dockerfile
        self.layerCacheDirectory = layerCacheDirectory
    }
}
