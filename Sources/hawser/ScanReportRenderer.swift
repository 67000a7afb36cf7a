import ArgumentParser
import Engine
import Foundation
import Model
import SBOMFormats

/// Turns a scan report into the bytes of one `hawser scan -o` format.
enum ScanReportRenderer {
    static func render(_ report: ScanReport, as format: ScanOutputFormat) throws -> [UInt8] {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return Array(try encoder.encode(report)) + [0x0a]
        case .cyclonedxJSON:
            let sbom = report.sbom ?? SBOM(source: report.source, distro: report.distro, packages: [], relationships: [])
            let encoder = CycloneDXEncoder(timestamp: ISO8601DateFormatter().string(from: Date()), serial: UUID().uuidString.lowercased())
            return try encoder.encode(sbom, vulnerabilities: report.matches)
        case .sarif:
            return try SARIFEncoder().encode(report.matches, source: report.source)
        case .table:
            return Array(table(report).utf8)
        }
    }

    static func table(_ report: ScanReport) -> String {
        let rows = report.matches.map { match in
            [match.package.name, match.package.version, fixedIn(match), match.package.type.rawValue, match.vulnerability.id,
             match.severity.rawValue + (match.knownExploited ? " (KEV)" : "")]
        }
        let header = ["NAME", "INSTALLED", "FIXED-IN", "TYPE", "VULNERABILITY", "SEVERITY"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in [header] + rows {
            text += row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }.joined() + "\n"
        }
        return text
    }

    static func fixedIn(_ match: Match) -> String {
        let fixed = match.vulnerability.fixedIn.joined(separator: ", ")
        if !fixed.isEmpty { return fixed }
        return match.vulnerability.fixState == .wontFix ? "(won't fix)" : ""
    }
}

/// `hawser scan -o`: Grype's report formats.
enum ScanOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
    case cyclonedxJSON = "cyclonedx-json"
    case sarif
}
