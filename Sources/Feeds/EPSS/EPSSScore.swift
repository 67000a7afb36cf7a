/// One EPSS row: the probability of exploitation in the next 30 days and its percentile.
public struct EPSSScore: Sendable, Hashable, Codable {
    /// `CVE-2020-5902`.
    public var cveID: String
    /// 0…1.
    public var epss: Double
    /// 0…1; absent in the 2021-04 layout (`cve,epss`).
    public var percentile: Double?

    public init(cveID: String, epss: Double, percentile: Double?) {
        self.cveID = cveID
        self.epss = epss
        self.percentile = percentile
    }
}

/// An EPSS day as read.
public struct EPSSScores: Sendable {
    /// From the `#model_version:v2023.03.01,score_date:…` comment line, when present.
    public var modelVersion: String?
    /// `2023-03-07T00:00:00+0000` as published, when present.
    public var scoreDate: String?
    public var rows: [EPSSScore]
    public var diagnostics: [FeedDiagnostic]

    public init(modelVersion: String? = nil, scoreDate: String? = nil, rows: [EPSSScore] = [], diagnostics: [FeedDiagnostic] = []) {
        self.modelVersion = modelVersion
        self.scoreDate = scoreDate
        self.rows = rows
        self.diagnostics = diagnostics
    }
}

/// Why a whole EPSS file could not be read.
public enum EPSSError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let path, let reason): "cannot read EPSS scores \(path): \(reason)"
        }
    }
}
