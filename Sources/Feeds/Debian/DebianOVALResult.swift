import Model

/// What `DebianOVALTransformer` made of one OVAL file.
public struct DebianOVALResult: Sendable, Hashable {
    /// A (vulnerability, package) pair whose OVAL test is "earlier than 0".
    ///
    /// Debian's OVAL writes `0:0` both for issues the release never had (tracker
    /// `fixed_version: "0"`) and for open/unfixed ones (FORMATS.md §4), so it tells neither
    /// state; these pairs produce no record, and the tracker JSON is the source for them.
    public struct EarlierThanZero: Sendable, Hashable {
        public var vulnerabilityID: String
        public var packageName: String
        public var definitionID: String
    }

    /// The file as given to the transformer.
    public var file: String
    /// One record per (definition, affected source package) with a real fixed version.
    public var records: [VulnerabilityRecord]
    /// Definitions or tests that were skipped, each naming its definition id.
    public var diagnostics: [FeedDiagnostic]
    /// `<definition>` elements read.
    public var definitionCount: Int
    /// Source package names of every resolved `dpkginfo` test, including "earlier than 0" ones.
    public var sourcePackages: Set<String>
    public var earlierThanZero: [EarlierThanZero]
}
