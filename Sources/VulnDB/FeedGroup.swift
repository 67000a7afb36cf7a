import Foundation
import Model

/// A feed and one of its groups, as Anchore names them: feed `vulnerabilities` → group `debian:12`,
/// `github:python`, `nvd`. Every stored row belongs to exactly one group, so a group can be
/// replaced on its own; the group carries the sync metadata (`GroupSync`).
public struct FeedGroup: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var feed: String
    public var name: String

    public init(feed: String, name: String) {
        self.feed = feed
        self.name = name
    }

    /// A group of the `vulnerabilities` feed (`debian:12`, `github:python`, `nvd`…).
    public static func vulnerabilities(_ name: String) -> FeedGroup { FeedGroup(feed: "vulnerabilities", name: name) }
    /// CISA's Known Exploited Vulnerabilities catalog.
    public static let kev = FeedGroup(feed: "enrichment", name: "kev")
    /// FIRST's Exploit Prediction Scoring System scores.
    public static let epss = FeedGroup(feed: "enrichment", name: "epss")

    public var description: String { "\(feed)/\(name)" }

    public static func < (lhs: FeedGroup, rhs: FeedGroup) -> Bool { (lhs.feed, lhs.name) < (rhs.feed, rhs.name) }
}

/// Sync metadata a producer records for a group: when its input was fetched and the checksum of
/// that input (e.g. `sha256:…` of the downloaded `all.zip`), so an unchanged input can be skipped.
public struct GroupSync: Sendable, Hashable, Codable {
    public var lastSync: Date
    public var checksum: String?

    public init(lastSync: Date, checksum: String? = nil) {
        self.lastSync = lastSync
        self.checksum = checksum
    }
}

/// One CISA KEV catalog entry.
public struct KEVEntry: Sendable, Hashable, Codable {
    public var cveID: String
    /// `dateAdded` as the catalog spells it (`2021-12-10`).
    public var dateAdded: String?
    /// `knownRansomwareCampaignUse == "Known"`.
    public var knownRansomwareUse: Bool

    public init(cveID: String, dateAdded: String? = nil, knownRansomwareUse: Bool = false) {
        self.cveID = cveID
        self.dateAdded = dateAdded
        self.knownRansomwareUse = knownRansomwareUse
    }
}

/// One EPSS row: probability of exploitation in the next 30 days and its percentile.
public struct EPSSEntry: Sendable, Hashable, Codable {
    public var cveID: String
    public var score: Double
    public var percentile: Double
    /// The score date (`2024-05-01`, from the CSV's `score_date` comment line).
    public var date: String?

    public init(cveID: String, score: Double, percentile: Double, date: String? = nil) {
        self.cveID = cveID
        self.score = score
        self.percentile = percentile
        self.date = date
    }
}

/// What one group holds; `VulnerabilityDatabase.replace(group:with:sync:at:)` swaps it whole.
public enum GroupContent: Sendable {
    case records([VulnerabilityRecord])
    case kev([KEVEntry])
    case epss([EPSSEntry])
}

/// A record skipped while writing, named so the user can find it upstream.
public struct VulnDBDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public var group: FeedGroup
    public var recordID: String
    public var message: String

    public init(group: FeedGroup, recordID: String, message: String) {
        self.group = group
        self.recordID = recordID
        self.message = message
    }

    public var description: String { "\(group): \(recordID): \(message)" }
}
