import Foundation
import Versions
import Model

/// How an OSV `affected[].package.ecosystem` maps onto Hawser's namespaces, version schemes and
/// package-name normalisation (the `VulnerabilityRecord.namespace` convention).
public struct OSVEcosystem: Sendable, Hashable {
    /// The ecosystem string as OSV spells it (`PyPI`, `AlmaLinux:8`, `Rocky Linux:9`).
    public let name: String
    /// Hawser's namespace (`pypi`, `almalinux:8`, `rocky:9`, `debian:12`, `ubuntu:22.04`).
    public let namespace: String
    public let versionFormat: VersionFormat

    /// Nil when the ecosystem's versions follow none of the Versions module's schemes.
    public init?(_ ecosystem: String) {
        guard let format = VersionFormat(osvEcosystem: ecosystem) else { return nil }
        name = ecosystem
        versionFormat = format
        namespace = Self.namespace(for: ecosystem)
    }

    static func namespace(for ecosystem: String) -> String {
        let parts = ecosystem.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let base = parts[0]
        let rest = Array(parts.dropFirst())
        let distro: String
        switch base {
        case "AlmaLinux": distro = "almalinux"
        case "Rocky Linux": distro = "rocky"
        case "Red Hat": distro = "rhel"
        case "Alpine":
            // `Alpine:v3.19` → `alpine:3.19`.
            return "alpine" + (rest.first.map { ":" + ($0.hasPrefix("v") ? String($0.dropFirst()) : $0) } ?? "")
        case "Ubuntu":
            // `Ubuntu:22.04:LTS` → `ubuntu:22.04`; `Ubuntu:Pro:18.04:LTS` → `ubuntu-pro:18.04`.
            let pro = rest.first == "Pro"
            let release = rest.first { $0.first?.isNumber == true }
            return (pro ? "ubuntu-pro" : "ubuntu") + (release.map { ":" + $0 } ?? "")
        default:
            distro = base.lowercased().replacingOccurrences(of: " ", with: "-")
        }
        if rest.isEmpty { return distro }
        return distro + ":" + rest.joined(separator: ":").lowercased()
    }

    /// The package name normalised for matching: PEP 503 for PyPI, lowercase for the
    /// case-insensitive registries (NuGet, Packagist), as published elsewhere (Maven's
    /// `group:artifact`, Go module paths, npm, crates, gems, distro source packages).
    public func normalizedPackageName(_ raw: String) -> String {
        let base = name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name
        switch base {
        case "PyPI": return Self.pep503(raw)
        case "NuGet", "Packagist": return raw.lowercased()
        default: return raw
        }
    }

    /// PEP 503 (shared with the catalogers and matchers through Model).
    public static func pep503(_ name: String) -> String { PackageName.pep503(name) }
}
