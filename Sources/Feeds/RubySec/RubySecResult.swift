import Model

/// What `RubySecTransformer` made of one ruby-advisory-db archive or checkout.
public struct RubySecResult: Sendable, Hashable {
    /// The archive or directory as given to the transformer.
    public var file: String
    /// One record per `gems/<gem>/<id>.yml` advisory, sorted by gem name then id.
    public var records: [VulnerabilityRecord]
    /// Advisories that were skipped, each naming the file inside the archive.
    public var diagnostics: [FeedDiagnostic]
    /// `rubies/<engine>/*.yml` advisories: about Ruby interpreters (MRI, JRuby, mruby…), not
    /// gems, so they produce no `rubygems` record (no cataloger reports an interpreter as a gem).
    public var interpreterAdvisories: Int

    public init(file: String, records: [VulnerabilityRecord] = [], diagnostics: [FeedDiagnostic] = [], interpreterAdvisories: Int = 0) {
        self.file = file
        self.records = records
        self.diagnostics = diagnostics
        self.interpreterAdvisories = interpreterAdvisories
    }
}
