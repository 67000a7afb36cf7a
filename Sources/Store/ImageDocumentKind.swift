import Foundation

/// The documents kept per image.
public enum ImageDocumentKind: String, Sendable, Codable, CaseIterable {
    /// The manifest as Hawser read it (JSON).
    case manifest
    /// The image configuration (JSON).
    case config
    /// The SBOM in Hawser's native JSON: packages, files, secrets, retrieved files, Dockerfile.
    case sbom
    /// The latest vulnerability report (a `ScanReport` JSON) with the DB build it came from.
    case vulnerabilities
}
