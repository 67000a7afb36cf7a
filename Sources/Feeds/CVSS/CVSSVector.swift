import Foundation
import Model

/// A parsed CVSS vector (v2, v3.0, v3.1 or v4.0) with its base score and qualitative severity.
///
/// Scores follow each version's specification: FIRST's "A Complete Guide to the Common
/// Vulnerability Scoring System Version 2.0" §3.2.1, the CVSS v3.0 and v3.1 specifications §7
/// (with v3.1's floating-point-safe `Roundup`, Appendix A, and v3.0's plain ceiling), and the
/// CVSS v4.0 specification §8 (MacroVector lookup plus interpolation, as FIRST's reference
/// calculator does). Temporal, environmental and threat metrics are accepted in the vector;
/// v2/v3 base scores ignore them, v4 uses them as the specification says (CVSS-BTE).
public struct CVSSVector: Sendable, Hashable, CustomStringConvertible {
    public enum Version: String, Sendable, Hashable, CaseIterable {
        case v2 = "2.0"
        case v3_0 = "3.0"
        case v3_1 = "3.1"
        case v4_0 = "4.0"
    }

    public let version: Version
    /// The vector as given (trimmed; v2 parentheses removed).
    public let vector: String
    /// Metric abbreviation → value letter, e.g. `AV` → `N`.
    public let metrics: [String: String]
    /// The base score (v4: the CVSS-B/BT/BE/BTE score the vector's metrics give).
    public let baseScore: Double
    /// The exploitability and impact sub-scores as NVD publishes them (rounded half up to one
    /// decimal; a negative scope-changed impact reads 0). v4 defines none, so they are nil there.
    public let exploitabilityScore: Double?
    public let impactScore: Double?

    /// Parses and scores `text`. v3/v4 vectors carry their `CVSS:3.x/` or `CVSS:4.0/` prefix;
    /// a vector without prefix is read as v2 (`AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally in parentheses
    /// or with a `CVSS:2.0/` prefix).
    public init(parsing text: String) throws(CVSSError) {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if body.hasPrefix("("), body.hasSuffix(")") { body = body.dropFirst().dropLast() }
        let version: Version
        if body.hasPrefix("CVSS:") {
            let slash = body.firstIndex(of: "/") ?? body.endIndex
            guard let parsed = Version(rawValue: String(body[body.index(body.startIndex, offsetBy: 5)..<slash])) else {
                throw .unknownVersion(vector: text)
            }
            version = parsed
            body = slash < body.endIndex ? body[body.index(after: slash)...] : ""
        } else {
            version = .v2
        }
        let allowed = Self.allowedValues(for: version)
        var metrics: [String: String] = [:]
        for part in body.split(separator: "/", omittingEmptySubsequences: false) {
            let pair = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw .invalidMetric(vector: text, metric: String(part)) }
            let key = String(pair[0]), value = String(pair[1])
            guard let values = allowed[key], values.contains(value), metrics[key] == nil else {
                throw .invalidMetric(vector: text, metric: String(part))
            }
            metrics[key] = value
        }
        for key in Self.requiredMetrics(for: version) where metrics[key] == nil {
            throw .missingMetric(vector: text, metric: key)
        }
        self.version = version
        self.vector = String(body.isEmpty ? "" : (version == .v2 ? body : "CVSS:\(version.rawValue)/\(body)"))
        self.metrics = metrics
        let scores: (base: Double, exploitability: Double?, impact: Double?)
        switch version {
        case .v2: scores = Self.scoreV2(metrics)
        case .v3_0, .v3_1: scores = Self.scoreV3(metrics, roundUp: version == .v3_0 ? Self.roundUp30 : Self.roundUp31)
        case .v4_0: scores = (CVSSv4Scorer(metrics: metrics).score(), nil, nil)
        }
        baseScore = scores.base
        exploitabilityScore = scores.exploitability
        impactScore = scores.impact
    }

    /// The qualitative rating: v2 uses NVD's Low/Medium/High bands; v3 and v4 the specification's
    /// None/Low/Medium/High/Critical (None maps to `.negligible`).
    public var severity: Severity {
        switch version {
        case .v2:
            switch baseScore {
            case 7.0...: return .high
            case 4.0..<7.0: return .medium
            default: return .low
            }
        default:
            return Severity(cvssScore: baseScore)
        }
    }

    /// The model's score value for this vector.
    public func score(source: String?) -> CVSSScore {
        CVSSScore(version: version.rawValue, vector: vector, baseScore: baseScore, source: source)
    }

    public var description: String { vector }

    // MARK: - Metric tables

    private static func requiredMetrics(for version: Version) -> [String] {
        switch version {
        case .v2: ["AV", "AC", "Au", "C", "I", "A"]
        case .v3_0, .v3_1: ["AV", "AC", "PR", "UI", "S", "C", "I", "A"]
        case .v4_0: ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]
        }
    }

    private static func allowedValues(for version: Version) -> [String: Set<String>] {
        switch version {
        case .v2:
            return [
                "AV": ["L", "A", "N"], "AC": ["H", "M", "L"], "Au": ["M", "S", "N"],
                "C": ["N", "P", "C"], "I": ["N", "P", "C"], "A": ["N", "P", "C"],
                "E": ["U", "POC", "F", "H", "ND"], "RL": ["OF", "TF", "W", "U", "ND"], "RC": ["UC", "UR", "C", "ND"],
                "CDP": ["N", "L", "LM", "MH", "H", "ND"], "TD": ["N", "L", "M", "H", "ND"],
                "CR": ["L", "M", "H", "ND"], "IR": ["L", "M", "H", "ND"], "AR": ["L", "M", "H", "ND"],
            ]
        case .v3_0, .v3_1:
            let cia: Set<String> = ["H", "L", "N"]
            return [
                "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "PR": ["N", "L", "H"], "UI": ["N", "R"],
                "S": ["U", "C"], "C": cia, "I": cia, "A": cia,
                "E": ["X", "U", "P", "F", "H"], "RL": ["X", "O", "T", "W", "U"], "RC": ["X", "U", "R", "C"],
                "CR": ["X", "L", "M", "H"], "IR": ["X", "L", "M", "H"], "AR": ["X", "L", "M", "H"],
                "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MPR": ["X", "N", "L", "H"],
                "MUI": ["X", "N", "R"], "MS": ["X", "U", "C"],
                "MC": cia.union(["X"]), "MI": cia.union(["X"]), "MA": cia.union(["X"]),
            ]
        case .v4_0:
            let hln: Set<String> = ["H", "L", "N"]
            let xhln: Set<String> = ["X", "H", "L", "N"]
            return [
                "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"],
                "UI": ["N", "P", "A"], "VC": hln, "VI": hln, "VA": hln, "SC": hln, "SI": hln, "SA": hln,
                "E": ["X", "A", "P", "U"],
                "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"], "AR": ["X", "H", "M", "L"],
                "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"],
                "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "P", "A"],
                "MVC": xhln, "MVI": xhln, "MVA": xhln, "MSC": xhln,
                "MSI": ["X", "S", "H", "L", "N"], "MSA": ["X", "S", "H", "L", "N"],
                "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"],
                "V": ["X", "D", "C"], "RE": ["X", "L", "M", "H"], "U": ["X", "Clear", "Green", "Amber", "Red"],
            ]
        }
    }

    // MARK: - v2

    /// The weight of metric `key`'s value in `table` (validated at parse time, so never absent).
    private static func weight(_ m: [String: String], _ key: String, _ table: [String: Double]) -> Double {
        table[m[key] ?? ""] ?? 0
    }

    private static func scoreV2(_ m: [String: String]) -> (base: Double, exploitability: Double?, impact: Double?) {
        let av = weight(m, "AV", ["L": 0.395, "A": 0.646, "N": 1.0])
        let ac = weight(m, "AC", ["H": 0.35, "M": 0.61, "L": 0.71])
        let au = weight(m, "Au", ["M": 0.45, "S": 0.56, "N": 0.704])
        let impactValue = ["N": 0.0, "P": 0.275, "C": 0.660]
        let c = weight(m, "C", impactValue), i = weight(m, "I", impactValue), a = weight(m, "A", impactValue)
        let impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a))
        let exploitability = 20 * av * ac * au
        let f = impact == 0 ? 0 : 1.176
        return (roundHalfUp(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f), roundHalfUp(exploitability), roundHalfUp(impact))
    }

    // MARK: - v3

    private static func scoreV3(_ m: [String: String], roundUp: (Double) -> Double) -> (base: Double, exploitability: Double?, impact: Double?) {
        let changed = m["S"] == "C"
        let av = weight(m, "AV", ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2])
        let ac = weight(m, "AC", ["L": 0.77, "H": 0.44])
        let pr = weight(m, "PR", changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])
        let ui = weight(m, "UI", ["N": 0.85, "R": 0.62])
        let cia = ["H": 0.56, "L": 0.22, "N": 0.0]
        let iss = 1 - (1 - weight(m, "C", cia)) * (1 - weight(m, "I", cia)) * (1 - weight(m, "A", cia))
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        let subScores = (roundHalfUp(exploitability), roundHalfUp(max(impact, 0)))
        guard impact > 0 else { return (0, subScores.0, subScores.1) }
        let base = changed ? roundUp(min(1.08 * (impact + exploitability), 10)) : roundUp(min(impact + exploitability, 10))
        return (base, subScores.0, subScores.1)
    }

    private static func pow15(_ x: Double) -> Double {
        var result = 1.0
        for _ in 0..<15 { result *= x }
        return result
    }

    /// CVSS v3.1 Appendix A `Roundup`: avoids floating-point artefacts.
    private static func roundUp31(_ value: Double) -> Double {
        let integer = Int((value * 100_000).rounded())
        if integer % 10_000 == 0 { return Double(integer) / 100_000 }
        return (Double(integer / 10_000) + 1) / 10
    }

    /// CVSS v3.0 `Roundup`: the smallest one-decimal number ≥ the input.
    private static func roundUp30(_ value: Double) -> Double {
        (value * 10).rounded(.up) / 10
    }

    /// Round half up to one decimal, with a small epsilon against binary artefacts (8.6 - 7.15).
    static func roundHalfUp(_ value: Double) -> Double {
        ((value + 1e-6) * 10 + 0.5).rounded(.down) / 10
    }
}
