import Catalogers
import Crypto
import Foundation
import Model

/// Per-layer results of the per-file analyses on disk, one JSON file per (layer diff ID, recipe):
/// `<directory>/<diff ID hex>-<recipe hash>.json`. The recipe is every option that changes the
/// results (digest size limit, secret patterns and size limit), so a different configuration never
/// reads another's results. Files are replaced by rename; an unreadable one is ignored (recomputed).
struct LayerResultsCache: Sendable {
    let directory: String
    let recipe: String

    init(directory: String, options: AnalysisOptions) {
        self.directory = directory
        let patterns = options.secretPatterns.map { "\($0.name)=\($0.expression)" }.sorted().joined(separator: "\u{0}")
        let text = "v\(LayerFileResults.version)|\(options.digestSizeLimit)|\(options.secretMaxFileSize)|\(patterns)"
        recipe = SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    func path(_ layer: Model.Digest) -> String { "\(directory)/\(layer.encoded)-\(recipe).json" }

    func load(_ layers: [Model.Digest]) -> [Model.Digest: LayerFileResults] {
        var found: [Model.Digest: LayerFileResults] = [:]
        for layer in layers {
            guard let data = FileManager.default.contents(atPath: path(layer)),
                  let results = try? JSONDecoder().decode(LayerFileResults.self, from: data), results.version == LayerFileResults.version else { continue }
            found[layer] = results
        }
        return found
    }

    /// Stores what this analysis learnt of each layer, merged with what was known; unchanged layers are not rewritten.
    func save(_ layers: [Model.Digest], known: [Model.Digest: LayerFileResults], files: [FileRecord], searched: [FileEntry], secrets: [SecretFinding]) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for layer in layers {
            let learnt = LayerFileResults.collect(layer: layer, files: files, searched: searched, secrets: secrets)
            let merged = known[layer].map { $0.merging(learnt) } ?? learnt
            guard merged != known[layer], let data = try? JSONEncoder().encode(merged) else { continue }
            let target = path(layer), temporary = target + ".\(UUID().uuidString).tmp"
            if FileManager.default.createFile(atPath: temporary, contents: data), rename(temporary, target) != 0 {
                try? FileManager.default.removeItem(atPath: temporary)
            }
        }
    }
}
