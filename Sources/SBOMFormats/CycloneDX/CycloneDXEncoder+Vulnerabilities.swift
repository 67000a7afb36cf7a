import Model

/// CycloneDX 1.6 `vulnerabilities[]` entries (https://cyclonedx.org/docs/1.6/json/#vulnerabilities),
/// one per match as Grype writes them, so each entry's `affects` names exactly the package (by the
/// component's `bom-ref`) and the installed version that matched.
extension CycloneDXEncoder {
    func vulnerability(_ match: Match, index: Int) -> [String: Any] {
        let record = match.vulnerability
        var entry: [String: Any] = [
            "bom-ref": "vulnerability-\(index + 1)",
            "id": record.id,
            // Where this record came from (the feed and its namespace), as Grype writes it; aliases name their publishers.
            "source": ["name": "\(record.source):\(record.namespace)", "url": record.urls.first ?? Self.source(for: record.id, fallbackName: record.source, url: nil)["url"] ?? ""]
                .filter { !$0.value.isEmpty },
            "affects": [[
                "ref": match.package.id,
                "versions": [["version": match.package.version, "status": "affected"]],
            ] as [String: Any]],
        ]
        // `references` are the same vulnerability under other ids (aliases); related advisories go in properties.
        let references = record.aliases.filter { $0 != record.id }
        if !references.isEmpty {
            entry["references"] = Self.unique(references).map { ["id": $0, "source": Self.source(for: $0, fallbackName: record.source, url: nil)] }
        }
        var ratings: [[String: Any]] = record.cvss.map(Self.rating)
        if let vendor = record.severity {
            ratings.insert(["source": ["name": record.source], "severity": Self.severityName(vendor), "method": "other"], at: 0)
        }
        if !ratings.isEmpty { entry["ratings"] = ratings }
        if let summary = record.summary, !summary.isEmpty { entry["description"] = summary }
        if !record.urls.isEmpty { entry["advisories"] = Self.unique(record.urls).map { ["url": $0] } }
        if let published = record.published, Self.isDateTime(published) { entry["published"] = published }
        if let modified = record.modified, Self.isDateTime(modified) { entry["updated"] = modified }
        switch record.fixState {
        case .fixed where !record.fixedIn.isEmpty:
            entry["recommendation"] = "Upgrade \(match.package.name) to \(record.fixedIn.joined(separator: " or "))"
        case .wontFix:
            // No `state`: a vendor's fix status is not an exploitability assessment (VEX tools read it as one).
            entry["analysis"] = ["response": ["will_not_fix"],
                                 "detail": "The vendor (\(record.source)) will not fix \(record.id) in \(record.namespace)."] as [String: Any]
        case .notFixed:
            entry["analysis"] = ["response": ["can_not_fix"],
                                 "detail": "No fixed version of \(match.package.name) is available yet in \(record.namespace)."] as [String: Any]
        default:
            break
        }
        var properties: [[String: String]] = [
            ["name": "hawser:match:type", "value": match.matchType.rawValue],
            ["name": "hawser:match:confidence", "value": String(match.confidence)],
            ["name": "hawser:match:explanation", "value": match.explanation],
            ["name": "hawser:vulnerability:namespace", "value": record.namespace],
            ["name": "hawser:vulnerability:severity", "value": match.severity.rawValue],
            ["name": "hawser:vulnerability:fixState", "value": record.fixState.rawValue],
        ]
        for fixed in record.fixedIn { properties.append(["name": "hawser:vulnerability:fixedIn", "value": fixed]) }
        for advisory in record.related { properties.append(["name": "hawser:vulnerability:related", "value": advisory]) }
        if match.knownExploited { properties.append(["name": "hawser:kev", "value": "true"]) }
        if let score = match.epssScore { properties.append(["name": "hawser:epss:score", "value": String(score)]) }
        if let percentile = match.epssPercentile { properties.append(["name": "hawser:epss:percentile", "value": String(percentile)]) }
        entry["properties"] = properties
        return entry
    }

    /// A CVSS score as a rating: the spec's method names (`CVSSv2`, `CVSSv3`, `CVSSv31`, `CVSSv4`).
    static func rating(_ score: CVSSScore) -> [String: Any] {
        var rating: [String: Any] = ["vector": score.vector]
        switch score.version {
        case "2.0", "2": rating["method"] = "CVSSv2"
        case "3.0": rating["method"] = "CVSSv3"
        case "3.1": rating["method"] = "CVSSv31"
        case "4.0", "4": rating["method"] = "CVSSv4"
        default: rating["method"] = "other"
        }
        if let base = score.baseScore {
            rating["score"] = base
            rating["severity"] = score.version.hasPrefix("2") || base == 0 ? Self.cvss2Severity(base) : Self.severityName(Severity(cvssScore: base))
        }
        if let source = score.source, !source.isEmpty { rating["source"] = ["name": source] }
        return rating
    }

    /// CVSS v2 has no "critical": 7.0–10 is high (NVD's v2 ranges); 0.0 is "none" in every version.
    static func cvss2Severity(_ score: Double) -> String {
        switch score {
        case 7.0...: "high"
        case 4.0..<7.0: "medium"
        case 0.1..<4.0: "low"
        default: "none"
        }
    }

    /// The spec's severity enum: critical, high, medium, low, info, none, unknown.
    static func severityName(_ severity: Severity) -> String {
        switch severity {
        case .critical: "critical"
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        case .negligible: "info"
        case .unknown: "unknown"
        }
    }

    /// Who publishes an identifier, so a reader can follow it: NVD for CVEs, GitHub for GHSAs…
    static func source(for id: String, fallbackName: String, url: String?) -> [String: String] {
        let known: [(prefix: String, name: String, url: (String) -> String)] = [
            ("CVE-", "NVD", { "https://nvd.nist.gov/vuln/detail/\($0)" }),
            ("GHSA-", "GitHub", { "https://github.com/advisories/\($0)" }),
            ("PYSEC-", "PyPA", { "https://osv.dev/vulnerability/\($0)" }),
            ("GO-", "Go", { "https://pkg.go.dev/vuln/\($0)" }),
            ("RUSTSEC-", "RustSec", { "https://rustsec.org/advisories/\($0)" }),
            ("DSA-", "Debian", { "https://security-tracker.debian.org/tracker/\($0)" }),
            ("DLA-", "Debian", { "https://security-tracker.debian.org/tracker/\($0)" }),
            ("USN-", "Ubuntu", { "https://ubuntu.com/security/notices/\($0)" }),
            ("RHSA-", "Red Hat", { "https://access.redhat.com/errata/\($0)" }),
            ("ALSA-", "AlmaLinux", { "https://errata.almalinux.org/\($0)" }),
            ("RLSA-", "Rocky Linux", { "https://errata.rockylinux.org/\($0)" }),
        ]
        if let entry = known.first(where: { id.hasPrefix($0.prefix) }) { return ["name": entry.name, "url": entry.url(id)] }
        var source = ["name": fallbackName]
        if let url { source["url"] = url }
        return source
    }

    /// CycloneDX dates are JSON-schema `date-time`: keep only values that carry a time.
    static func isDateTime(_ value: String) -> Bool {
        value.count >= 20 && value.dropFirst(10).first == "T"
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
