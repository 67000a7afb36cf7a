import Model

/// What `FriendsOfPHPTransformer` made of one security-advisories archive or checkout.
public struct FriendsOfPHPResult: Sendable, Hashable {
    /// The archive or directory as given to the transformer.
    public var file: String
    /// One record per `<vendor>/<package>/<file>.yaml` advisory, sorted by package then id.
    public var records: [VulnerabilityRecord]
    /// Advisories or branches that were skipped, each naming the file inside the archive.
    public var diagnostics: [FeedDiagnostic]

    public init(file: String, records: [VulnerabilityRecord] = [], diagnostics: [FeedDiagnostic] = []) {
        self.file = file
        self.records = records
        self.diagnostics = diagnostics
    }
}
