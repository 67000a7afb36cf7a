import ArgumentParser
import Engine
import Foundation
import LayerFS
import Policy

/// `hawser policy …`: evaluate Anchore policy bundles standalone (CI) or manage them on a server.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Evaluate Anchore policy bundles against images, standalone or on a Hawser server.",
        subcommands: [Eval.self, Validate.self, Add.self, List.self, Get.self, Activate.self, Preview.self])

    /// Reads a bundle file, or Hawser's default bundle.
    static func bundle(_ path: String?) throws -> PolicyBundle {
        let data: Data
        if let path {
            guard let contents = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read the bundle \(path)") }
            data = contents
        } else {
            data = Data(DefaultBundle.json.utf8)
        }
        do { return try BundleParser().parse(data) } catch {
            FileHandle.standardError.write(Data(("hawser: error: \(path ?? "the default bundle") is not a valid policy bundle:\n"
                + error.problems.map { "  \($0)" }.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
    }

    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Evaluate a bundle against an image or SBOM (exit 2 on STOP, for CI).")

        @OptionGroup var sourceArguments: SourceArguments

        @Option(help: "Policy bundle (Anchore v1 or v2 JSON); default: Hawser's default bundle.")
        var bundle: String?

        @Option(name: .customLong("db"), help: "Vulnerability DB file (default: $XDG_DATA_HOME/hawser/vulndb.sqlite).")
        var database: String?

        @Option(name: .shortAndLong, help: "table or json.")
        var output: OutputFormat = .table

        @Option(help: "squashed or all-layers.")
        var scope: Scope = .squashed

        @Flag(help: "Print how many matches were evaluated and how long the evaluation took (standard error).")
        var timing = false

        func run() async throws {
            let bundle = try PolicyCommand.bundle(self.bundle)
            let check: PolicyCheck
            do { check = try await sourceArguments.engine().evaluatePolicy(bundle, source: sourceArguments.source, database: database, scope: scope) } catch {
                throw fail(error)
            }
            let evaluation = check.evaluation
            if timing {
                FileHandle.standardError.write(Data(String(format: "timing: evaluate %.3f ms (%d matches, %d findings)\n", check.evaluationSeconds * 1000,
                                                           check.matches.count, evaluation.findings.count).utf8))
            }
            switch output {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                FileHandle.standardOutput.write(try encoder.encode(evaluation) + Data("\n".utf8))
            case .table:
                print("Image: \(evaluation.tag) (\(evaluation.image))")
                print("Bundle: \(bundle.name) (\(bundle.id)), mapping: \(evaluation.matchedMappingID ?? "none")")
                print("Final action: \(evaluation.finalAction.rawValue.uppercased()) (\(evaluation.reason.rawValue)), status: \(evaluation.status)")
                for problem in evaluation.problems { print("Problem: \(problem)") }
                if !evaluation.findings.isEmpty {
                    print("")
                    ClientOutput.table(["GATE", "TRIGGER", "ACTION", "ALLOWLISTED", "CHECK OUTPUT"], evaluation.findings.map {
                        [$0.gate, $0.trigger, $0.action.rawValue, $0.allowlistedBy.map { "\($0.allowlistName)" } ?? "-", $0.message]
                    })
                }
            }
            if evaluation.finalAction == .stop { throw ExitCode(2) }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a bundle and list every problem with its JSON path.")
        @Argument var bundle: String
        func run() throws {
            let parsed = try PolicyCommand.bundle(bundle)
            print("\(bundle): valid \(parsed.format == .v1 ? "v1" : "v2") bundle \(parsed.id): \(parsed.ruleSets.count) rule sets, \(parsed.mappings.count) mappings")
        }
    }
}
