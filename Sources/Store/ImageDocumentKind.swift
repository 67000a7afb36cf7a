import Foundation

/// The documents kept per image.
public enum ImageDocumentKind: String, Sendable, Codable, CaseIterable {
    /// The manifest as Hawser read it (JSON).
    case manifest
    /// The image configuration (JSON).
    case config
    /// The SBOM in Hawser's native JSON: packages, secrets, retrieved files, Dockerfile; its file
    /// records are stored apart (`files`). A document written before that split holds them inline.
    case sbom
    /// The SBOM's file records (a JSON array): most of an analysis by size, so readers that need
    /// only packages and matches (policy preview over every image) do not parse them.
    case files
    /// What policy evaluation reads, small (the service's `PolicyFacts`), written with each report.
    case policyFacts = "policy_facts"
    /// Which DB the stored report is current for, and what its match looked up (the service's
    /// `MatchState`): a feed sync re-matches only the images whose lookups it changed.
    case matchState = "match_state"
    /// Each match of the stored report as a `vuln_update` diff compares it (the service's
    /// `MatchFingerprints`), so a re-match diffs without reading the old report.
    case matchFingerprints = "match_fingerprints"
    /// The latest vulnerability report (a `ScanReport` JSON) with the DB build it came from.
    case vulnerabilities
}
