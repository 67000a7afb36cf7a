import ArgumentParser
import Engine
import Foundation
import LayerFS
import Model

/// `hawser scan SOURCE|sbom:FILE`: Grype-like, standalone. Exit 2 when `--fail-on` is met, 1 on error.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Find the known vulnerabilities of an image or SBOM.")

    @OptionGroup var sourceArguments: SourceArguments

    @Option(name: [.short, .customLong("output")], help: "table, json, cyclonedx-json or sarif.")
    var output: ScanOutputFormat = .table

    @Option(name: .customLong("file"), help: "Write the report to this file instead of standard output.")
    var file: String?

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
        let rendered: [UInt8]
        do { rendered = try ScanReportRenderer.render(report, as: output) } catch {
            FileHandle.standardError.write(Data("hawser: error: cannot render the report as \(output.rawValue): \(error)\n".utf8))
            throw ExitCode(1)
        }
        if let file {
            guard FileManager.default.createFile(atPath: file, contents: Data(rendered)) else {
                FileHandle.standardError.write(Data("hawser: error: cannot write the report to \(file)\n".utf8))
                throw ExitCode(1)
            }
        } else {
            FileHandle.standardOutput.write(Data(rendered))
        }
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

