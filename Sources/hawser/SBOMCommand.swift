import ArgumentParser
import Engine
import Foundation
import LayerFS
import Catalogers
import Model
import SBOMFormats

/// `hawser sbom SOURCE`: the packages in an image as an SBOM, in one or more formats.
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sbom", abstract: "Catalog an image's packages into an SBOM.")

    @OptionGroup var sourceArguments: SourceArguments

    @Option(help: "squashed (what a container sees) or all-layers (packages deleted in later layers too).")
    var scope: Scope = .squashed

    @Option(name: [.short, .customLong("output")],
            help: "FORMAT or FORMAT=FILE, repeatable: hawser-json, cyclonedx-json, spdx-json, syft-json, table (default: table).")
    var outputs: [String] = []

    @Option(name: .customLong("file"), help: "Write the (single) output to this file instead of standard output.")
    var file: String?

    @Option(help: "The image's real Dockerfile (otherwise one is reconstructed from the history).")
    var dockerfile: String?

    @Flag(name: .customLong("no-file-digests"), help: "Do not record files and their SHA-256 digests.")
    var noFileDigests = false

    @Option(name: .customLong("secret-pattern"),
            help: "NAME=REGEX, repeatable: an extra named pattern for the secret search (positions are reported, never the text).")
    var secretPatterns: [String] = []

    @Flag(name: .customLong("no-default-secret-patterns"), help: "Search only the --secret-pattern patterns.")
    var noDefaultSecretPatterns = false

    @Option(name: .customLong("content-search"),
            help: "NAME=REGEX, repeatable: a content-search pattern (Anchore's content_search) for the files.content_regex_match policy trigger.")
    var contentSearch: [String] = []

    @Option(name: .customLong("retrieve-file"), help: "A file to keep whole in the SBOM for policy checks, repeatable (default /etc/passwd).")
    var retrieveFiles: [String] = []

    func run() async throws {
        var targets: [(SBOMFormat, String?)] = []
        for output in outputs.isEmpty ? ["table"] : outputs {
            let parts = output.split(separator: "=", maxSplits: 1).map(String.init)
            guard let format = SBOMFormat(rawValue: parts[0]) else {
                throw ValidationError("unknown output format '\(parts[0])'; use one of \(SBOMFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            targets.append((format, parts.count > 1 ? parts[1] : file))
        }
        let sbom: SBOM
        var options = AnalysisOptions(scope: scope, fileRecords: !noFileDigests)
        var patterns = noDefaultSecretPatterns ? [] : SecretPattern.defaults
        for text in secretPatterns {
            guard let pattern = SecretPattern(definition: text) else { throw ValidationError("--secret-pattern takes NAME=REGEX, got '\(text)'") }
            patterns.append(pattern)
        }
        options.secretPatterns = patterns
        options.contentPatterns = try contentSearch.map { text in
            guard let pattern = SecretPattern(definition: text, namedByEntry: true) else {
                throw ValidationError("--content-search takes NAME=REGEX, got '\(text)'")
            }
            return pattern
        }
        if !retrieveFiles.isEmpty { options.retrievedFiles = retrieveFiles }
        if let dockerfile {
            do { options.dockerfile = try String(contentsOfFile: dockerfile, encoding: .utf8) } catch { throw fail(error) }
        }
        do { sbom = try await sourceArguments.engine().sbom(sourceArguments.source, options: options) } catch let error as EngineError { throw fail(error) }
        let timestamp = ISO8601DateFormatter().string(from: Date())
        let serial = UUID().uuidString.lowercased()
        for (format, path) in targets {
            let bytes = try format.encode(sbom, timestamp: timestamp, serial: serial)
            if let path {
                do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch { throw fail(error) }
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
        for diagnostic in sbom.diagnostics { FileHandle.standardError.write(Data("hawser: note: \(diagnostic)\n".utf8)) }
    }
}
