import ArgumentParser
import Engine
import Foundation
import LayerFS
import Model

/// `hawser scan SOURCE|sbom:FILE`: Grype-like, standalone. Exit 2 when `--fail-on` is met, 1 on error.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Find the known vulnerabilities of an image or SBOM.")

    @OptionGroup var sourceArguments: SourceArguments

    @Option(name: [.short, .customLong("output")], help: "table or json.")
    var output: OutputFormat = .table

    @Option(name: .customLong("fail-on"), help: "Exit 2 when a match has at least this severity (negligible, low, medium, high, critical).")
    var failOn: String?

    @Flag(name: .customLong("only-fixed"), help: "Report only vulnerabilities that have a fix.")
    var onlyFixed = false

    @Option(name: .customLong("db"), help: "Vulnerability DB file (default: $XDG_DATA_HOME/hawser/vulndb.sqlite).")
    var database: String?

    @Option(help: "squashed or all-layers.")
    var scope: Scope = .squashed

    @Flag(help: "Print how long cataloging and matching took (standard error).")
    var timing = false

    func run() async throws {
        let threshold: Severity?
        if let failOn {
            guard let severity = Severity.allCases.first(where: { $0.rawValue.lowercased() == failOn.lowercased() }) else {
                throw ValidationError("--fail-on takes one of: negligible, low, medium, high, critical")
            }
            threshold = severity
        } else {
            threshold = nil
        }
        var report: ScanReport
        do { report = try await sourceArguments.engine().scan(sourceArguments.source, database: database, scope: scope) } catch let error as EngineError {
            throw fail(error)
        }
        if onlyFixed { report.matches.removeAll { $0.vulnerability.fixState != .fixed } }
        var out = OutputBuffer()
        switch output {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            out.write(String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self) + "\n")
        case .table:
            let rows = report.matches.map { match in
                [match.package.name, match.package.version, match.vulnerability.fixedIn.joined(separator: ", ").isEmpty
                    ? (match.vulnerability.fixState == .wontFix ? "(won't fix)" : "") : match.vulnerability.fixedIn.joined(separator: ", "),
                 match.package.type.rawValue, match.vulnerability.id, match.severity.rawValue + (match.knownExploited ? " (KEV)" : "")]
            }
            let header = ["NAME", "INSTALLED", "FIXED-IN", "TYPE", "VULNERABILITY", "SEVERITY"]
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            for row in [header] + rows {
                out.write(row.enumerated().map { index, cell in
                    index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 2)
                }.joined() + "\n")
            }
        }
        out.flush()
        for diagnostic in report.diagnostics { FileHandle.standardError.write(Data("hawser: note: \(diagnostic)\n".utf8)) }
        if timing {
            for (phase, seconds) in report.timings.sorted(by: { $0.key < $1.key }) {
                FileHandle.standardError.write(Data("hawser: timing: \(phase) \(String(format: "%.1f", seconds * 1000)) ms\n".utf8))
            }
        }
        if let threshold, report.matches.contains(where: { $0.severity >= threshold }) {
            FileHandle.standardError.write(Data("hawser: --fail-on \(threshold.rawValue.lowercased()): found matches at or above it\n".utf8))
            throw ExitCode(2)
        }
    }
}
