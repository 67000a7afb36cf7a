import Foundation
import Model

/// Debian's urgency words (security tracker `urgency`, `data/CVE/list` annotations) as Anchore
/// severities.
///
/// Per the tracker's `security_db.py`, a `*`/`**` suffix marks an urgency derived from NVD rather
/// than set by the security team; the level is the same. `unimportant` (no security impact for
/// Debian) is Anchore's and Grype's `Negligible`. `not yet assigned` and `end-of-life` say nothing
/// about severity, so they give nil and matchers fall back to CVSS.
public enum DebianUrgency {
    /// The severity for an urgency word, or nil when it carries none.
    public static func severity(_ urgency: String?) -> Severity? {
        guard let urgency else { return nil }
        var word = urgency.trimmingCharacters(in: .whitespaces).lowercased()
        while word.hasSuffix("*") { word.removeLast() }
        switch word {
        case "unimportant": return .negligible
        case "low": return .low
        case "medium": return .medium
        case "high": return .high
        default: return nil
        }
    }
}
