import Model

/// What an OSV transform produced: records for the VulnDB, diagnostics naming skipped records or
/// entries, and counts of what was deliberately left out.
public struct OSVTransformResult: Sendable {
    public var records: [VulnerabilityRecord]
    public var diagnostics: [FeedDiagnostic]
    public var statistics: OSVStatistics

    public init(records: [VulnerabilityRecord] = [], diagnostics: [FeedDiagnostic] = [], statistics: OSVStatistics = OSVStatistics()) {
        self.records = records
        self.diagnostics = diagnostics
        self.statistics = statistics
    }
}

/// Counts per transform; every OSV document read ends up in exactly one of
/// `transformed`, `withdrawn`, `informational`, `duplicates` or `rejected`.
public struct OSVStatistics: Sendable, Hashable, Codable {
    /// JSON documents read (zip members or single documents).
    public var documents = 0
    /// Documents that produced at least one record.
    public var transformed = 0
    /// Documents with `withdrawn` set: skipped without a diagnostic.
    public var withdrawn = 0
    /// RustSec `informational` advisories (unmaintained, unsound, notice): not vulnerabilities, skipped.
    public var informational = 0
    /// Further copies of an id already read from the same archive (the latest `modified` wins).
    public var duplicates = 0
    /// Documents that yielded no record because they were malformed or had nothing matchable
    /// (each has a diagnostic).
    public var rejected = 0

    public init() {}
}
