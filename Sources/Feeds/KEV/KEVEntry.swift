/// One CISA Known Exploited Vulnerabilities catalog entry, as the VulnDB stores it.
public struct KEVEntry: Sendable, Hashable, Codable {
    /// `CVE-2021-44228`.
    public var cveID: String
    /// `YYYY-MM-DD`, as published.
    public var dateAdded: String
    /// True when CISA says `knownRansomwareCampaignUse` is `Known` (else `Unknown`).
    public var knownRansomwareCampaignUse: Bool
    public var vendorProject: String?
    public var product: String?
    public var vulnerabilityName: String?
    /// `YYYY-MM-DD`: the remediation deadline for US federal agencies.
    public var dueDate: String?

    public init(cveID: String, dateAdded: String, knownRansomwareCampaignUse: Bool, vendorProject: String? = nil,
                product: String? = nil, vulnerabilityName: String? = nil, dueDate: String? = nil) {
        self.cveID = cveID
        self.dateAdded = dateAdded
        self.knownRansomwareCampaignUse = knownRansomwareCampaignUse
        self.vendorProject = vendorProject
        self.product = product
        self.vulnerabilityName = vulnerabilityName
        self.dueDate = dueDate
    }
}

/// The catalog as read: entries (one per CVE, the last occurrence wins), the catalog's version
/// (`2025.08.25`, for change detection) and diagnostics for skipped entries.
public struct KEVCatalog: Sendable {
    public var catalogVersion: String?
    public var dateReleased: String?
    public var entries: [KEVEntry]
    public var diagnostics: [FeedDiagnostic]

    public init(catalogVersion: String? = nil, dateReleased: String? = nil, entries: [KEVEntry] = [], diagnostics: [FeedDiagnostic] = []) {
        self.catalogVersion = catalogVersion
        self.dateReleased = dateReleased
        self.entries = entries
        self.diagnostics = diagnostics
    }
}

/// Why a whole KEV file could not be read.
public enum KEVError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformed(let path, let reason): "cannot read KEV catalog \(path): \(reason)"
        }
    }
}
