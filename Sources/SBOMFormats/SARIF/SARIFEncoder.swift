import Foundation
import Model

/// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for `hawser scan -o sarif`, the
/// shape code-scanning dashboards (GitHub, GitLab, Azure DevOps) read: one rule per vulnerability
/// and package, as Grype writes them, with `security-severity` (the CVSS-like number GitHub ranks
/// by), and one result per match located at the file the package was found in.
public struct SARIFEncoder {
    public var toolVersion: String

    public init(toolVersion: String = ToolDescriptor.hawser.version) {
        self.toolVersion = toolVersion
    }

    public func encode(_ matches: [Match], source: SBOMSource) throws -> [UInt8] {
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        var results: [[String: Any]] = []
        for match in matches {
            let id = Self.ruleID(match)
            let index: Int
            if let existing = ruleIndex[id] {
                index = existing
            } else {
                index = rules.count
                ruleIndex[id] = index
                rules.append(rule(match, id: id))
            }
            results.append(result(match, ruleID: id, ruleIndex: index, source: source))
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "hawser",
                    "version": toolVersion,
                    "rules": rules,
                ] as [String: Any]],
                "results": results,
            ] as [String: Any]],
        ]
        return Array(try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) + [0x0a]
    }

    /// `CVE-2023-2650-openssl`: a vulnerability is a different finding in each package.
    static func ruleID(_ match: Match) -> String { "\(match.vulnerability.id)-\(match.package.name)" }

    func rule(_ match: Match, id: String) -> [String: Any] {
        let record = match.vulnerability
        let fix = record.fixedIn.isEmpty ? "No fix is available." : "Fixed in \(record.fixedIn.joined(separator: ", "))."
        let summary = record.summary.flatMap { $0.isEmpty ? nil : $0 } ?? "\(record.id) in \(match.package.name)"
        let help = """
        Vulnerability \(record.id)
        Severity: \(match.severity.rawValue)
        Package: \(match.package.name) (\(match.package.type.rawValue))
        \(fix)
        """
        var rule: [String: Any] = [
            "id": id,
            "name": Self.ruleName(match),
            // A rule is shared by every installed version of the package: the text names none.
            "shortDescription": ["text": "\(record.id) \(match.severity.rawValue.lowercased()) vulnerability for \(match.package.name)"],
            "fullDescription": ["text": summary],
            "help": ["text": help, "markdown": help.split(separator: "\n").map { "- \($0)" }.joined(separator: "\n")],
            "properties": [
                "security-severity": String(format: "%.1f", Self.securitySeverity(match)),
                "tags": ["security", "vulnerability", match.severity.rawValue.lowercased(), match.package.type.rawValue],
            ] as [String: Any],
        ]
        if let url = record.urls.first { rule["helpUri"] = url }
        return rule
    }

    func result(_ match: Match, ruleID: String, ruleIndex: Int, source: SBOMSource) -> [String: Any] {
        let path = match.package.locations.first?.path ?? source.name
        let uri = Self.relativeURI(match.package.locations.first?.path ?? "")
        let fixed = match.vulnerability.fixedIn.isEmpty ? "" : " Fixed in \(match.vulnerability.fixedIn.joined(separator: ", "))."
        var location: [String: Any] = [
            "physicalLocation": [
                "artifactLocation": ["uri": uri.isEmpty ? Self.relativeURI(source.name) : uri],
                "region": ["startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1],
            ] as [String: Any],
        ]
        if source.kind == "image" {
            location["logicalLocations"] = [["name": source.name, "fullyQualifiedName": "\(source.name):\(path)", "kind": "image"]]
        }
        return [
            "ruleId": ruleID,
            "ruleIndex": ruleIndex,
            "level": Self.level(match.severity),
            "message": ["text": "\(match.package.name) \(match.package.version) is affected by \(match.vulnerability.id) "
                + "(\(match.severity.rawValue)) at \(path) in \(source.name).\(fixed)"],
            "locations": [location],
            "partialFingerprints": ["hawserMatch/v1": "\(match.vulnerability.id)|\(match.package.id)"],
        ]
    }

    /// A relative URI reference for a path: percent-encoded, and `./`-prefixed when its first segment
    /// holds a `:` (else `alpine:3.19` would read as a URI with scheme `alpine`).
    static func relativeURI(_ path: String) -> String {
        let trimmed = path.hasPrefix("/") ? String(path.drop { $0 == "/" }) : path
        let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["%", ":"]).union(["/"])) ?? trimmed
        let firstSegment = trimmed.split(separator: "/").first ?? ""
        return firstSegment.contains(":") ? "./" + encoded : encoded
    }

    /// Rule names are identifiers in SARIF viewers: letters only, as Grype's `OsPackageVulnerability`.
    static func ruleName(_ match: Match) -> String {
        switch match.package.type {
        case .deb, .apk, .rpm: "OsPackageVulnerability"
        default: "LanguagePackageVulnerability"
        }
    }

    /// The highest CVSS base score, else a number standing for the severity word (GitHub's bands).
    static func securitySeverity(_ match: Match) -> Double {
        if let best = match.vulnerability.cvss.compactMap(\.baseScore).max() { return best }
        switch match.severity {
        case .critical: return 9.5
        case .high: return 8.0
        case .medium: return 5.5
        case .low: return 2.0
        case .negligible, .unknown: return 0.0
        }
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .negligible, .unknown: "note"
        }
    }
}
