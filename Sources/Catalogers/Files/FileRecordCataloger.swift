import Cataloging
import Model

/// Every file of the tree as an SBOM file record, with the SHA-256 of regular files up to a size
/// limit (hashed two at a time: the contents are read from the uncompressed layer copies).
public struct FileRecordCataloger: Sendable {
    public var digestSizeLimit: Int64

    public init(digestSizeLimit: Int64 = 32 << 20) {
        self.digestSizeLimit = digestSizeLimit
    }

    /// `known`: results of earlier analyses by layer diff ID; a file whose layer already has its digest is not read again.
    public func catalog(_ resolver: any FileResolver, known: [Digest: LayerFileResults] = [:]) async -> (files: [FileRecord], diagnostics: [CatalogDiagnostic]) {
        let entries = resolver.entries
        let limit = digestSizeLimit
        let workers = 2
        let chunks = (0..<workers).map { worker in stride(from: worker, to: entries.count, by: workers).map { entries[$0] } }
        let results = await withTaskGroup(of: [(FileRecord, CatalogDiagnostic?)].self) { group in
            for chunk in chunks {
                group.addTask {
                    chunk.map { entry -> (FileRecord, CatalogDiagnostic?) in
                        guard entry.type == .regular && entry.size <= limit else { return (FileRecord(entry: entry, sha256: nil), nil) }
                        if let layer = entry.layer, let digest = known[layer]?.digests[entry.path] { return (FileRecord(entry: entry, sha256: digest), nil) }
                        do {
                            let bytes = try resolver.contents(of: entry.path)
                            return (FileRecord(entry: entry, sha256: Digest.sha256(of: bytes).encoded), nil)
                        } catch {
                            return (FileRecord(entry: entry, sha256: nil),
                                    CatalogDiagnostic(cataloger: "file-digest-cataloger", path: entry.path, message: "\(error)"))
                        }
                    }
                }
            }
            var all: [(FileRecord, CatalogDiagnostic?)] = []
            for await part in group { all += part }
            return all
        }
        let files: [FileRecord] = results.map { $0.0 }.sorted { $0.location < $1.location }
        let diagnostics: [CatalogDiagnostic] = results.compactMap { $0.1 }
        return (files, diagnostics)
    }
}
