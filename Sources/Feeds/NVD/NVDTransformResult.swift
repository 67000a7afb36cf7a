import Model

/// What an NVD transform produced: records for the VulnDB, diagnostics naming skipped CVEs or CPE
/// matches, the paging fields a sync needs to ask for the next page, and counts.
public struct NVDTransformResult: Sendable {
    public var records: [VulnerabilityRecord]
    public var diagnostics: [FeedDiagnostic]
    /// Each page read, in order.
    public var pages: [NVDPageInfo]
    /// CWE identifiers per CVE (`CVE-2022-1576` → `["CWE-352"]`), from `weaknesses`: kept beside
    /// the records because `VulnerabilityRecord` has no field for them yet.
    public var weaknesses: [String: [String]]
    public var statistics: NVDStatistics

    public init(records: [VulnerabilityRecord] = [], diagnostics: [FeedDiagnostic] = [], pages: [NVDPageInfo] = [],
                weaknesses: [String: [String]] = [:], statistics: NVDStatistics = NVDStatistics()) {
        self.records = records
        self.diagnostics = diagnostics
        self.pages = pages
        self.weaknesses = weaknesses
        self.statistics = statistics
    }

    /// The API's `totalResults` as the last page read reported it (the total can grow while a
    /// sync pages through); 0 when no page was read.
    public var totalResults: Int { pages.last?.totalResults ?? 0 }
    /// The first page's `startIndex`.
    public var startIndex: Int { pages.first?.startIndex ?? 0 }
    /// The first page's `resultsPerPage`.
    public var resultsPerPage: Int { pages.first?.resultsPerPage ?? 0 }

    /// The `startIndex` to request next, or nil when the pages read reach `totalResults` (or the
    /// last page was empty, which would otherwise ask for the same page forever).
    public var nextStartIndex: Int? {
        guard let last = pages.last, last.entries > 0 else { return nil }
        let end = pages.map { $0.startIndex + $0.entries }.max() ?? 0
        return end < last.totalResults ? end : nil
    }
}

/// The paging fields of one page, as NVD sent them.
public struct NVDPageInfo: Sendable, Hashable, Codable {
    /// The file (or name) the page came from.
    public var path: String
    public var startIndex: Int
    public var resultsPerPage: Int
    public var totalResults: Int
    /// How many entries `vulnerabilities` held (NVD's `resultsPerPage` is what was asked for on
    /// some servers, what was returned on others).
    public var entries: Int
    /// When NVD produced the page, as UTC RFC 3339 (`2023-10-18T18:04:18.493Z`).
    public var timestamp: String?

    public init(path: String, startIndex: Int, resultsPerPage: Int, totalResults: Int, entries: Int, timestamp: String?) {
        self.path = path
        self.startIndex = startIndex
        self.resultsPerPage = resultsPerPage
        self.totalResults = totalResults
        self.entries = entries
        self.timestamp = timestamp
    }
}

/// Counts per transform; every CVE read ends up in exactly one of `transformed`, `rejected`,
/// `withoutVulnerableCPE`, `duplicates` or `malformed`.
public struct NVDStatistics: Sendable, Hashable, Codable {
    /// Entries of `vulnerabilities[]` read.
    public var cves = 0
    /// CVEs that produced at least one record.
    public var transformed = 0
    /// `vulnStatus: Rejected`: skipped without a diagnostic.
    public var rejected = 0
    /// CVEs with no vulnerable application/OS CPE match (not analysed yet, or hardware only):
    /// nothing to match, skipped without a diagnostic.
    public var withoutVulnerableCPE = 0
    /// Further copies of a CVE already read in the same transform (the latest `lastModified` wins).
    public var duplicates = 0
    /// Entries that could not be decoded (each has a diagnostic).
    public var malformed = 0
    /// Vulnerable `cpe:2.3:h:` matches left out: hardware is never inside an image.
    public var hardwareMatches = 0

    public init() {}
}
