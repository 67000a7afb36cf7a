import Foundation
import Model

/// `vulnerabilities`: matches by package type, severity, CVSS scores, fix availability, age;
/// stale or missing vulnerability data; listed ids; known-exploited (CISA KEV) and EPSS thresholds.
struct VulnerabilitiesGate: Gate {
    let name = "vulnerabilities"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        let vendorOnly = parameters.bool("vendor_only") ?? true
        // Lazy: thousands of matches are only read, never copied.
        let matches = input.matches.lazy.filter { !vendorOnly || $0.vulnerability.fixState != .wontFix }
        switch trigger {
        case "package":
            let rule = PackageRule(parameters)
            return matches.filter { rule.matches($0, now: input.now) }.map(firing)
        case "stale_feed_data":
            guard let days = parameters.int("max_days_since_sync"), let synced = input.vulnerabilityDataSyncedAt,
                  input.now.timeIntervalSince(synced) > Double(days) * 86400 else { return [] }
            return [Gates.firing(name, trigger, "The vulnerability feed for this image distro is older than MAXAGE (\(days)) days")]
        case "vulnerability_data_unavailable":
            guard input.vulnerabilityDataSyncedAt == nil else { return [] }
            let distro = input.sbom.distro.map { "\($0.id):\($0.versionID ?? "")" } ?? "unknown"
            return [Gates.firing(name, trigger, "Feed data unavailable, cannot perform CVE scan for distro: \(distro)")]
        case "blacklist", "denylist":
            let ids = Set(parameters.list("vulnerability_ids").map { $0.uppercased() })
            return matches.filter { match in
                ([match.vulnerability.id] + match.vulnerability.aliases).contains { ids.contains($0.uppercased()) }
            }.map { match in
                TriggerFiring(triggerID: "\(match.vulnerability.id)+\(match.package.name)",
                              message: "Blacklisted vulnerabilities detected: [\(match.vulnerability.id)]")
            }
        case "kev_list":
            let type = parameters.string("package_type")?.lowercased()
            return matches.filter { $0.knownExploited && Gates.packageTypeMatches($0.package.type, type) }.map { match in
                TriggerFiring(triggerID: "\(match.vulnerability.id)+\(match.package.name)",
                              message: "Known exploited vulnerability (CISA KEV) found in package \(match.package.name)-\(match.package.version) (\(match.vulnerability.id))")
            }
        case "epss":
            let score = parameters.double("score_threshold") ?? 1.1, percentile = parameters.double("percentile_threshold")
            let type = parameters.string("package_type")?.lowercased()
            return matches.filter { match in
                Gates.packageTypeMatches(match.package.type, type)
                    && ((match.epssScore ?? -1) >= score || percentile.map { (match.epssPercentile ?? -1) >= $0 } == true)
            }.map { match in
                TriggerFiring(triggerID: "\(match.vulnerability.id)+\(match.package.name)",
                              message: "EPSS score \(match.epssScore.map { String(format: "%.4f", $0) } ?? "-") (percentile \(match.epssPercentile.map { String(format: "%.4f", $0) } ?? "-")) at or above the threshold for \(match.vulnerability.id) in \(match.package.name)-\(match.package.version)")
            }
        default:
            return []
        }
    }

    /// The `package` trigger's conditions, read once per evaluation (they are tested against every match).
    struct PackageRule {
        var packageType: String?
        var severity: (Severity, String)?
        var fixAvailable: Bool?
        var pathExclude: NSRegularExpression?
        /// (NVD's?, comparison, threshold) for `cvss_v3_base_score` and `vendor_cvss_v3_base_score`.
        var baseScores: [(Bool, String, Double)] = []
        /// Exploitability or impact conditions: Hawser keeps base scores only, so these never hold.
        var subScoreAsked = false
        var maxDaysSinceCreation: Int?

        init(_ parameters: RuleParameters) {
            packageType = parameters.string("package_type")?.lowercased()
            if let severity = parameters.string("severity").flatMap(VulnerabilitiesGate.severity) {
                self.severity = (severity, parameters.string("severity_comparison") ?? ">=")
            }
            fixAvailable = parameters.bool("fix_available")
            pathExclude = parameters.string("package_path_exclude").flatMap { try? NSRegularExpression(pattern: $0) }
            for (prefix, nvd) in [("", true), ("vendor_", false)] {
                if let threshold = parameters.double("\(prefix)cvss_v3_base_score") {
                    baseScores.append((nvd, parameters.string("\(prefix)cvss_v3_base_score_comparison") ?? ">=", threshold))
                }
                for part in ["exploitability", "impact"] where parameters.double("\(prefix)cvss_v3_\(part)_score") != nil { subScoreAsked = true }
            }
            maxDaysSinceCreation = parameters.int("max_days_since_creation")
        }

        func matches(_ match: Match, now: Date) -> Bool {
            guard !subScoreAsked, Gates.packageTypeMatches(match.package.type, packageType) else { return false }
            if let (threshold, comparison) = severity, !Gates.compare(match.severity, comparison, threshold) { return false }
            if let fixAvailable, (match.vulnerability.fixState == .fixed) != fixAvailable { return false }
            if let pathExclude, let path = match.package.locations.first?.path,
               pathExclude.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil {
                return false
            }
            for (nvd, comparison, threshold) in baseScores {
                let base = match.vulnerability.cvss.filter { $0.version.hasPrefix("3") && ($0.source ?? "").contains("nvd") == nvd }.compactMap(\.baseScore).max()
                guard let base, Gates.compare(base, comparison, threshold) else { return false }
            }
            if let days = maxDaysSinceCreation {
                // Fires only for vulnerabilities published more than `days` ago.
                guard let published = match.vulnerability.published.flatMap(ParameterValue.date),
                      now.timeIntervalSince(published) > Double(days) * 86400 else { return false }
            }
            return true
        }
    }

    func firing(_ match: Match) -> TriggerFiring {
        let os = Gates.osTypes.contains(match.package.type)
        let what = os ? "\(match.package.name)-\(match.package.version)" : (match.package.locations.first?.path ?? match.package.name)
        let fix = match.vulnerability.fixState == .fixed ? "(fixed in: \(match.vulnerability.fixedIn.first ?? ""))" : "(not fixed)"
        let link = match.vulnerability.urls.first ?? "https://osv.dev/vulnerability/\(match.vulnerability.id)"
        let message = "\(match.severity.rawValue.uppercased()) Vulnerability found in \(os ? "os" : "non-os") package type (\(match.package.type.rawValue)) - \(what) \(fix) (\(match.vulnerability.id) - \(link))"
        return TriggerFiring(triggerID: "\(match.vulnerability.id)+\(match.package.name)", message: message)
    }

    static func severity(_ text: String) -> Severity? { Severity.allCases.first { $0.rawValue.lowercased() == text.lowercased() } }
}
