import Model

/// What `DebianTrackerTransformer` made of one tracker JSON file.
public struct DebianTrackerResult: Sendable, Hashable {
    /// The file as given to the transformer.
    public var file: String
    /// One record per (issue, source package, release), sorted by package, id and namespace.
    public var records: [VulnerabilityRecord]
    /// Issues or releases that were skipped, each naming the issue id, package and release.
    public var diagnostics: [FeedDiagnostic]
}
