import Foundation
import Model

/// Red Hat's impact ratings (`<severity>Important</severity>`, `<cve impact="moderate">`) as
/// Anchore severities, the way Grype maps them: Critical → Critical, Important → High,
/// Moderate → Medium, Low → Low. Rocky copies Red Hat's words. Anything else (`None`, empty)
/// gives nil, and matchers fall back to CVSS.
public enum RedHatSeverity {
    public static func severity(_ impact: String?) -> Severity? {
        switch impact?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "critical": .critical
        case "important": .high
        case "moderate": .medium
        case "low": .low
        default: nil
        }
    }
}
