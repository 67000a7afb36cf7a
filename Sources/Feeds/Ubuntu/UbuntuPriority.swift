import Foundation
import Model

/// Ubuntu's CVE priorities (`<cve priority="…">`) and USN severities (`<severity>`) as Anchore
/// severities.
///
/// Per the Ubuntu CVE tracker's priority definitions: `negligible` (technically a security
/// problem, no real-world impact) is Grype's `Negligible`; `low`, `medium`, `high` and `critical`
/// map one to one; `untriaged` says nothing, so it gives nil and matchers fall back to CVSS.
public enum UbuntuPriority {
    public static func severity(_ priority: String?) -> Severity? {
        switch priority?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "negligible": .negligible
        case "low": .low
        case "medium": .medium
        case "high": .high
        case "critical": .critical
        default: nil
        }
    }
}
