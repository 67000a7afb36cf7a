import Feeds
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
            return matches.compactMap { match in rule.evaluate(match, now: input.now).map { firing(match, details: $0) } }
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
        /// A CVSS v3 score condition: NVD's or the vendor's, which score, comparison and threshold.
        struct ScoreCondition {
            enum Part: String { case base, exploitability, impact }
            var nvd: Bool
            var part: Part
            var comparison: String
            var threshold: Double
            /// The parameter name, as the check message prints it.
            var name: String { "\(nvd ? "" : "vendor_")cvss_v3_\(part.rawValue)_score" }
        }

        var packageType: String?
        var severity: (Severity, String)?
        var fixAvailable: Bool?
        var pathExclude: NSRegularExpression?
        var scores: [ScoreCondition] = []
        var maxDaysSinceCreation: Int?
        var maxDaysSinceFix: Int?

        init(_ parameters: RuleParameters) {
            packageType = parameters.string("package_type")?.lowercased()
            if let severity = parameters.string("severity").flatMap(VulnerabilitiesGate.severity) {
                self.severity = (severity, parameters.string("severity_comparison") ?? ">=")
            }
            fixAvailable = parameters.bool("fix_available")
            pathExclude = parameters.string("package_path_exclude").flatMap { try? NSRegularExpression(pattern: $0) }
            for nvd in [true, false] {
                for part in [ScoreCondition.Part.base, .exploitability, .impact] {
                    var condition = ScoreCondition(nvd: nvd, part: part, comparison: ">=", threshold: 0)
                    guard let threshold = parameters.double(condition.name) else { continue }
                    condition.threshold = threshold
                    condition.comparison = parameters.string("\(condition.name)_comparison") ?? ">="
                    scores.append(condition)
                }
            }
            maxDaysSinceCreation = parameters.int("max_days_since_creation")
            maxDaysSinceFix = parameters.int("max_days_since_fix")
        }

        /// Whether `match` meets every condition; if so, the `(name=value)` groups the check message
        /// shows, as Anchore prints them (scores, then dates, then vendor scores).
        func evaluate(_ match: Match, now: Date) -> String? {
            guard Gates.packageTypeMatches(match.package.type, packageType) else { return nil }
            if let (threshold, comparison) = severity, !Gates.compare(match.severity, comparison, threshold) { return nil }
            if let pathExclude, !Gates.osTypes.contains(match.package.type), let path = match.package.locations.first?.path,
               pathExclude.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil {
                return nil
            }
            let fixed = match.vulnerability.fixState == .fixed
            if let fixAvailable, fixed != fixAvailable { return nil }
            var dates: [String] = []
            if let days = maxDaysSinceCreation {
                // Fires only for vulnerabilities published at least `days` ago.
                guard let published = match.vulnerability.published.flatMap(ParameterValue.date),
                      now.timeIntervalSince(published) >= Double(days) * 86400 else { return nil }
                dates.append("max_days_since_creation=\(Self.day(published))")
            }
            // Only with fix_available=true; a fix whose first sighting is unknown is not filtered out.
            if let days = maxDaysSinceFix, fixAvailable == true, fixed,
               let observed = match.vulnerability.fixObservedAt.flatMap(ParameterValue.date) {
                guard now.timeIntervalSince(observed) >= Double(days) * 86400 else { return nil }
                dates.append("max_days_since_fix=\(Self.day(observed))")
            }
            var nvdScores: [String] = [], vendorScores: [String] = []
            for condition in scores {
                // A missing score counts as -1.0, as Anchore's engine reads it.
                let value = Self.score(condition, of: match.vulnerability.cvss) ?? -1
                guard Gates.compare(value, condition.comparison, condition.threshold) else { return nil }
                if condition.nvd { nvdScores.append("\(condition.name)=\(value)") } else { vendorScores.append("\(condition.name)=\(value)") }
            }
            return [nvdScores, dates, vendorScores].filter { !$0.isEmpty }.map { "(\($0.joined(separator: " ")))" }.joined()
        }

        /// The highest CVSS v3 score of the kind `condition` reads (exploitability and impact are
        /// computed from the vector as NVD computes them).
        static func score(_ condition: ScoreCondition, of cvss: [CVSSScore]) -> Double? {
            let scores = cvss.lazy.filter { $0.version.hasPrefix("3") && ($0.source ?? "").contains("nvd") == condition.nvd }
            switch condition.part {
            case .base:
                return scores.compactMap(\.baseScore).max()
            case .exploitability, .impact:
                return scores.compactMap { score -> Double? in
                    guard let parsed = try? CVSSVector(parsing: score.vector) else { return nil }
                    return condition.part == .exploitability ? parsed.exploitabilityScore : parsed.impactScore
                }.max()
            }
        }

        static func day(_ date: Date) -> String {
            date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
        }
    }

    func firing(_ match: Match, details: String) -> TriggerFiring {
        let os = Gates.osTypes.contains(match.package.type)
        let what = os ? "\(match.package.name)-\(match.package.version)" : (match.package.locations.first?.path ?? match.package.name)
        let fix = match.vulnerability.fixState == .fixed ? "(fixed in: \(match.vulnerability.fixedIn.first ?? ""))" : "(not fixed)"
        let link = match.vulnerability.urls.first ?? "https://osv.dev/vulnerability/\(match.vulnerability.id)"
        let message = "\(match.severity.rawValue.uppercased()) Vulnerability found in \(os ? "os" : "non-os") package type (\(match.package.type.rawValue)) - \(what) \(fix)\(details)(\(match.vulnerability.id) - \(link))"
        return TriggerFiring(triggerID: "\(match.vulnerability.id)+\(match.package.name)", message: message)
    }

    static func severity(_ text: String) -> Severity? { Severity.allCases.first { $0.rawValue.lowercased() == text.lowercased() } }
}
