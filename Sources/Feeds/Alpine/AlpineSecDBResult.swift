import Model

/// What `AlpineSecDBTransformer` made of one secdb file.
public struct AlpineSecDBResult: Sendable, Hashable {
    /// The file as given to the transformer.
    public var file: String
    /// `alpine:3.19`, `alpine:edge`: the namespace of every record.
    public var namespace: String
    /// One record per (vulnerability id, origin package), sorted by package then id.
    public var records: [VulnerabilityRecord]
    /// Packages, versions or id strings that were skipped, naming the file and package.
    public var diagnostics: [FeedDiagnostic]

    public init(file: String, namespace: String, records: [VulnerabilityRecord] = [], diagnostics: [FeedDiagnostic] = []) {
        self.file = file
        self.namespace = namespace
        self.records = records
        self.diagnostics = diagnostics
    }
}
