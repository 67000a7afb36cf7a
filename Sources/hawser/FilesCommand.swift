import ArgumentParser
import Engine
import LayerFS
import Model

/// `hawser files SOURCE`: the image's file tree, squashed or layer by layer.
struct FilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "files", abstract: "List the files of an image.")

    @OptionGroup var sourceArguments: SourceArguments

    @Option(help: "squashed (what a container sees) or all-layers (every entry of every layer, deleted ones too).")
    var scope: Scope = .squashed

    @Option(name: [.short, .customLong("output")], help: "table or json (an array, one object per entry and line).")
    var output: OutputFormat = .table

    func run() async throws {
        let opened: OpenedImage
        do { opened = try await sourceArguments.engine().open(sourceArguments.source) } catch let error as EngineError { throw fail(error) }
        let entries = opened.resolver(scope: scope).entries
        var out = OutputBuffer()
        switch output {
        case .json: FilesRenderer.json(entries, into: &out)
        case .table: FilesRenderer.table(entries, into: &out)
        }
        out.flush()
    }
}

extension Scope: ExpressibleByArgument {}

enum FilesRenderer {
    static func json(_ entries: [FileEntry], into out: inout OutputBuffer) {
        out.write("[\n")
        for (index, entry) in entries.enumerated() {
            var line = "{\"path\":\(JSONText.quote(entry.path)),\"type\":\"\(entry.type.rawValue)\",\"mode\":\(syftMode(entry.mode))"
            line += ",\"uid\":\(entry.uid),\"gid\":\(entry.gid),\"size\":\(entry.size)"
            line += ",\"linkTarget\":\(entry.linkTarget.map(JSONText.quote) ?? "null")"
            line += ",\"layer\":\(entry.layer.map { "\"\($0)\"" } ?? "null"),\"layerIndex\":\(entry.layerIndex)}"
            line += index == entries.count - 1 ? "\n" : ",\n"
            out.write(line)
        }
        out.write("]\n")
    }

    /// Syft writes modes as the decimal number whose digits are the octal mode (0755 → 755).
    static func syftMode(_ mode: UInt32) -> Int {
        Int(String(mode, radix: 8)) ?? 0
    }

    static func table(_ entries: [FileEntry], into out: inout OutputBuffer) {
        out.write("MODE        UID:GID         SIZE  LAYER         PATH\n")
        for entry in entries {
            let owner = "\(entry.uid):\(entry.gid)"
            var line = entry.modeString + "  " + pad(owner, 9) + " " + leftPad(String(entry.size), 12) + "  "
            line += pad(entry.layer.map { $0.short } ?? "-", 12) + "  " + entry.path
            if let target = entry.linkTarget { line += (entry.type == .hardLink ? " => " : " -> ") + target }
            out.write(line + "\n")
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
