import Model

/// What `UbuntuOVALTransformer` made of one USN OVAL file.
public struct UbuntuOVALResult: Sendable, Hashable {
    /// The file as given to the transformer.
    public var file: String
    /// One record per (CVE, binary package) — or (USN, package) for a USN without CVEs — in the
    /// release's `ubuntu:<YY.MM>` namespace.
    public var records: [VulnerabilityRecord]
    /// Definitions or tests that were skipped, each naming its definition id.
    public var diagnostics: [FeedDiagnostic]
    /// `<definition>` elements read, the release's inventory definition included.
    public var definitionCount: Int
    /// Notices whose criteria test only the running kernel or the livepatch state (`uname_test`,
    /// `variable_test`, `file_test`, `textfilecontent54_test`): the kernel USNs and the LSN
    /// livepatch notices. They name no dpkg package and version, so they
    /// give no record (expected, not a diagnostic).
    public var kernelOnlyAdvisories: [String]

    /// The namespaces of the records (one per file in practice: `ubuntu:22.04`).
    public var namespaces: Set<String> { Set(records.map(\.namespace)) }
}
