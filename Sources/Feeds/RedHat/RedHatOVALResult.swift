import Model

/// What `RedHatOVALTransformer` made of one RHSA or RLSA OVAL file.
public struct RedHatOVALResult: Sendable, Hashable {
    /// The file as given to the transformer.
    public var file: String
    public var vendor: RedHatOVALVendor
    /// One record per (CVE, binary rpm) — or (advisory, rpm) for an advisory without CVEs — in
    /// the `rhel:<N>` or `rocky:<N>` namespace.
    public var records: [VulnerabilityRecord]
    /// Definitions or tests that were skipped, each naming its definition id.
    public var diagnostics: [FeedDiagnostic]
    /// `<definition>` elements read.
    public var definitionCount: Int

    /// The namespaces of the records (one per file in practice: `rhel:9`).
    public var namespaces: Set<String> { Set(records.map(\.namespace)) }
}
