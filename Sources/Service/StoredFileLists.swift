import Model

/// The `files` document of an image: the SBOM's file records and each package's owned-file list,
/// kept apart from the SBOM document because they are most of its size and most readers (policy
/// preview, re-matching) need neither. Changelog: 1 — first version.
struct StoredFileLists: Codable {
    var schemaVersion = 1
    var files: [FileRecord]
    /// Package id → the files its database lists.
    var packageFiles: [String: [String]]

    /// Takes the lists out of `sbom`.
    init(moving sbom: inout SBOM) {
        files = sbom.files
        sbom.files = []
        var owned: [String: [String]] = [:]
        for index in sbom.packages.indices {
            guard let metadata = sbom.packages[index].metadata, !metadata.ownedFiles.isEmpty else { continue }
            owned[sbom.packages[index].id] = metadata.ownedFiles
            sbom.packages[index].metadata?.ownedFiles = []
        }
        packageFiles = owned
    }

    /// Puts the lists back.
    func restore(into sbom: inout SBOM) {
        if sbom.files.isEmpty { sbom.files = files }
        for index in sbom.packages.indices {
            if let owned = packageFiles[sbom.packages[index].id] { sbom.packages[index].metadata?.ownedFiles = owned }
        }
    }
}
