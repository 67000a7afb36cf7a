import ArgumentParser
import Engine
import Foundation
import LayerFS
import Matching
import Model

/// `hawser explain VULN-ID --package NAME SOURCE`: why a package matched a vulnerability, or not.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain why a package matched a vulnerability, or why not.",
        discussion: "Lists every record of the vulnerability (under its id or an alias) and, for each package of that name in SOURCE, the comparison that decided it.")

    @Argument(help: "The vulnerability id or an alias: CVE-2018-18074, PYSEC-2018-28, GHSA-…")
    var vulnerabilityID: String

    @Option(name: .customLong("package"), help: "The package name as the SBOM has it.")
    var packageName: String

    @OptionGroup var sourceArguments: SourceArguments

    @Option(name: .customLong("db"), help: "Vulnerability DB file (default: $XDG_DATA_HOME/hawser/vulndb.sqlite).")
    var database: String?

    @Option(name: [.short, .customLong("output")], help: "table or json.")
    var output: OutputFormat = .table

    @Option(help: "squashed or all-layers.")
    var scope: Scope = .squashed

    func run() async throws {
        let report: ExplainReport
        do {
            report = try await sourceArguments.engine().explain(vulnerabilityID, packageName: packageName, source: sourceArguments.source,
                                                                database: database, scope: scope)
        } catch let error as EngineError {
            throw fail(error)
        }
        switch output {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        case .table:
            FileHandle.standardOutput.write(Data(Self.text(report).utf8))
        }
        if report.records.isEmpty || report.packages.isEmpty { throw ExitCode(1) }
    }

    static func text(_ report: ExplainReport) -> String {
        var lines: [String] = []
        let aliases = report.aliases.isEmpty ? "" : " (aliases: \(report.aliases.joined(separator: ", ")))"
        lines.append("\(report.vulnerabilityID)\(aliases): \(report.records.count) record(s) in the DB")
        for record in report.records {
            let fixed = record.fixedIn.isEmpty ? record.fixState.rawValue : "fixed in \(record.fixedIn.joined(separator: ", "))"
            lines.append("  \(record.id) \(record.namespace) \(record.packageName) \(record.constraint.isEmpty ? "(all versions)" : record.constraint) [\(record.versionFormat)] \(fixed) — \(record.source)")
        }
        if report.records.isEmpty { lines.append("  no record of \(report.vulnerabilityID) or its aliases: nothing can match it") }
        if report.packages.isEmpty {
            lines.append("no package named \(report.packageName) in \(report.source)")
        }
        for explanation in report.packages {
            let where_ = explanation.package.locations.first.map { " at \($0.path)" } ?? ""
            lines.append("")
            lines.append("\(explanation.package.name) \(explanation.package.version) (\(explanation.package.type.rawValue))\(where_)")
            lines.append("  matcher: \(explanation.matcher ?? "none")")
            for lookup in explanation.lookups {
                lines.append("  looks up \(lookup.packageName) \(lookup.version) in \(lookup.namespace)")
            }
            for verdict in explanation.verdicts {
                lines.append("  \(verdict.matched ? "MATCH" : "no match") \(verdict.record.id) (\(verdict.record.namespace)): \(verdict.reason)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
