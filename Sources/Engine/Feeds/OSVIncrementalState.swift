import Feeds
import Foundation
import Model

/// Incremental OSV sync (the bucket's `modified_id.csv`): instead of fetching an ecosystem's
/// `all.zip` again, the records modified since the last sync are fetched one by one into an
/// overlay folder beside the dump, and every group rebuild reads the dump with the overlay on top
/// (an overlay document replaces the dump's copy of that id; a withdrawn one removes it).
///
/// The state file remembers the newest `modified` time of the index the mirror is current with.
struct OSVIncrementalState: Codable, Sendable {
    static let overlayFolder = "modified"
    static let fileName = ".hawser-osv-state.json"

    /// The newest `modified` time in the index when the dump and overlay were last brought up to date.
    var indexHighWater: Date
    /// When the dump itself was fetched.
    var dumpFetched: Date

    static func load(ecosystemFolder: String) -> OSVIncrementalState? {
        guard let data = FileManager.default.contents(atPath: ecosystemFolder + "/" + fileName) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(OSVIncrementalState.self, from: data)
    }

    func save(ecosystemFolder: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let target = ecosystemFolder + "/" + Self.fileName
        try encoder.encode(self).write(to: URL(fileURLWithPath: target), options: .atomic)
    }

    /// The dump's records with the overlay's documents on top.
    struct Overlaid {
        var records: [VulnerabilityRecord]
        var diagnostics: [FeedDiagnostic]
        /// Appended to the dump's checksum so a changed overlay changes the group's checksum.
        var checksumSuffix: String
    }

    static func apply(overlay folder: String, to dump: OSVTransformResult) -> Overlaid {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { return Overlaid(records: dump.records, diagnostics: dump.diagnostics, checksumSuffix: "") }
        var replaced = Set<String>()
        var records: [VulnerabilityRecord] = []
        var diagnostics = dump.diagnostics
        var digestInput: [UInt8] = []
        let transformer = OSVTransformer()
        for name in names {
            let path = folder + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            digestInput += Array(name.utf8) + Array(data)
            let result = transformer.transform(document: data, path: path)
            // A document that could not be read leaves the dump's copy in place (with a diagnostic);
            // a readable one, withdrawn or not, replaces it.
            if result.statistics.rejected == 0 { replaced.insert(String(name.dropLast(".json".count))) }
            records += result.records
            diagnostics += result.diagnostics
        }
        let kept = dump.records.filter { !replaced.contains($0.id) }
        return Overlaid(records: kept + records, diagnostics: diagnostics,
                        checksumSuffix: "+overlay:\(names.count):" + String(Digest.sha256(of: digestInput).encoded.prefix(16)))
    }
}
