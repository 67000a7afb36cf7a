import ArgumentParser
import Engine
import Foundation
import Model

/// `hawser inspect SOURCE`: identity, platform, layers and run configuration of an image.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show an image's manifest, layers and configuration.")

    @OptionGroup var sourceArguments: SourceArguments

    @Option(name: [.short, .customLong("output")], help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        let inspection: ImageInspection
        do { inspection = try await sourceArguments.engine().inspect(sourceArguments.source) } catch let error as EngineError { throw fail(error) }
        var out = OutputBuffer()
        switch output {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(inspection)) ?? Data()
            out.write(String(decoding: data, as: UTF8.self) + "\n")
        case .table:
            InspectRenderer.table(inspection, into: &out)
        }
        out.flush()
    }
}

enum InspectRenderer {
    static func table(_ image: ImageInspection, into out: inout OutputBuffer) {
        func line(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.write(FilesRenderer.pad(label, 14) + value + "\n")
        }
        line("Source", image.source)
        line("Reference", image.reference)
        line("Digest", image.digest?.description)
        line("Media type", image.mediaType)
        line("Platform", image.platform)
        line("Config", image.configDigest?.description)
        line("Created", image.created)
        line("Tags", image.tags.joined(separator: ", "))
        if let config = image.config {
            line("User", config.user)
            line("Working dir", config.workingDir)
            line("Entrypoint", config.entrypoint.map(shellWords))
            line("Cmd", config.cmd.map(shellWords))
            line("Ports", config.exposedPorts.map { $0.keys.sorted().joined(separator: ", ") })
            line("Volumes", config.volumes.map { $0.keys.sorted().joined(separator: ", ") })
            line("Stop signal", config.stopSignal)
            for variable in config.env ?? [] { line("Env", variable) }
            for (key, value) in (config.labels ?? [:]).sorted(by: { $0.key < $1.key }) { line("Label", "\(key)=\(value)") }
        }
        if !image.layers.isEmpty {
            out.write("\nLAYERS\n#   DIGEST                                                                   COMPRESSION        SIZE  UNCOMPRESSED  ENTRIES\n")
            for (index, layer) in image.layers.enumerated() {
                out.write(FilesRenderer.pad(String(index + 1), 4) + layer.digest.description + "  " + FilesRenderer.pad(layer.compression.rawValue, 11)
                          + FilesRenderer.leftPad(String(layer.size), 12) + FilesRenderer.leftPad(String(layer.uncompressedSize), 14)
                          + FilesRenderer.leftPad(String(layer.entries), 9) + "\n")
                out.write("    diff ID \(layer.diffID)  \(layer.mediaType)\n")
                if let createdBy = layer.createdBy { out.write("    \(createdBy.prefix(160))\n") }
            }
        }
        if !image.history.isEmpty {
            out.write("\nHISTORY\n")
            for entry in image.history {
                out.write("\(entry.created ?? "-")  \(entry.emptyLayer == true ? "(no layer) " : "")\(entry.createdBy ?? entry.comment ?? "")\n")
            }
        }
        for diagnostic in image.diagnostics { out.write("note: \(diagnostic)\n") }
    }

    static func shellWords(_ words: [String]) -> String {
        words.map { $0.contains(where: { $0 == " " || $0 == "\"" }) ? JSONText.quote($0) : $0 }.joined(separator: " ")
    }
}
