import Foundation
import Model

/// `vulnerabilities`: matches by package type, severity, CVSS scores, fix availability, age;
/// stale or missing vulnerability data; listed ids; known-exploited (CISA KEV) and EPSS thresholds.
struct VulnerabilitiesGate: Gate {
    let name = "vulnerabilities"

    func evaluate(trigger: String, parameters: RuleParameters, input: PolicyInput) -> [TriggerFiring] {
        let vendorOnly = parameters.bool("vendor_only") ?? true
        let matches = input.matches.filter { !vendorOnly || $0.vulnerability.fixState != .wontFix }
        switch trigger {
        case "package":
            return matches.filter { packageRuleMatches($0, parameters, input: input) }.map(firing)
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
            return matches.filter { $0.knownExploited && Gates.packageTypeMatches($0.package.type, parameters.string("package_type")) }.map { match in
                TriggerFiring(triggerID: "\(match.vulnerability.id)+\(match.package.name)",
                              message: "Known exploited vulnerability (CISA KEV) found in package \(match.package.name)-\(match.package.version) (\(match.vulnerability.id))")
            }
        case "epss":
            let score = parameters.double("score_threshold") ?? 1.1, percentile = parameters.double("percentile_threshold")
            return matches.filter { match in
                Gates.packageTypeMatches(match.package.type, parameters.string("package_type"))
                    && ((match.epssScore ?? -1) >= score || percentile.map { (match.epssPercentile ?? -1) >= $0 } == true)
            }.map { match in
                TriggerFiring(triggerID: "\(match.vulnerability.id)+\(match.package.name)",
                              message: "EPSS score \(match.epssScore.map { String(format: "%.4f", $0) } ?? "-") (percentile \(match.epssPercentile.map { String(format: "%.4f", $0) } ?? "-")) at or above the threshold for \(match.vulnerability.id) in \(match.package.name)-\(match.package.version)")
            }
        default:
            return []
        }
    }

    func packageRuleMatches(_ match: Match, _ parameters: RuleParameters, input: PolicyInput) -> Bool {
        guard Gates.packageTypeMatches(match.package.type, parameters.string("package_type")) else { return false }
        if let severity = parameters.string("severity").flatMap(Self.severity) {
            guard Gates.compare(match.severity, parameters.string("severity_comparison") ?? ">=", severity) else { return false }
        }
        if let fixAvailable = parameters.bool("fix_available"), (match.vulnerability.fixState == .fixed) != fixAvailable { return false }
        if let exclude = parameters.string("package_path_exclude"), let expression = try? NSRegularExpression(pattern: exclude),
           let path = match.package.locations.first?.path, expression.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil {
            return false
        }
        // CVSS v3 scores: NVD's for `cvss_v3_*`, the vendor's (any other scorer) for `vendor_cvss_v3_*`. Hawser keeps base
        // scores only, so an exploitability or impact condition never holds.
        for (prefix, nvd) in [("", true), ("vendor_", false)] {
            if let threshold = parameters.double("\(prefix)cvss_v3_base_score") {
                let base = match.vulnerability.cvss.filter { $0.version.hasPrefix("3") && ($0.source ?? "").contains("nvd") == nvd }.compactMap(\.baseScore).max()
                guard let base, Gates.compare(base, parameters.string("\(prefix)cvss_v3_base_score_comparison") ?? ">=", threshold) else { return false }
            }
            for part in ["exploitability", "impact"] where parameters.double("\(prefix)cvss_v3_\(part)_score") != nil { return false }
        }
        if let days = parameters.int("max_days_since_creation") {
            // Fires only for vulnerabilities published more than `days` ago.
            guard let published = match.vulnerability.published.flatMap(ParameterValue.date),
                  input.now.timeIntervalSince(published) > Double(days) * 86400 else { return false }
        }
        return true
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
