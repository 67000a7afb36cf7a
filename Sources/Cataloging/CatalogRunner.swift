import Model

/// Runs catalogers over one resolver (in parallel), then relates their packages: a package whose
/// files an OS package owns gets an `ownership-by-file-overlap` edge from it, so it is matched once.
public struct CatalogRunner: Sendable {
    public var catalogers: [any Cataloger]

    public init(catalogers: [any Cataloger]) {
        self.catalogers = catalogers
    }

    public func run(_ resolver: any FileResolver, distro: Distro?) async -> CatalogResult {
        let context = CatalogContext(distro: distro)
        let results = await withTaskGroup(of: (Int, CatalogResult).self) { group in
            for (index, cataloger) in catalogers.enumerated() {
                group.addTask { (index, cataloger.catalog(resolver, context: context)) }
            }
            var collected: [(Int, CatalogResult)] = []
            for await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var merged = CatalogResult()
        for result in results { merged.merge(result) }
        merged.packages = Self.deduplicated(merged.packages)
        merged.packages.sort { ($0.type, $0.name, $0.version, $0.id) < ($1.type, $1.name, $1.version, $1.id) }
        let ownership = FileOwnership.relationships(merged.packages, resolver: resolver)
        // A binary an OS package installed is that package (as Syft's default
        // "exclude binaries by file ownership overlap"): it is matched through the OS package.
        let byID = Dictionary(merged.packages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ownedBinaries = Set(ownership.filter { byID[$0.child]?.type == .binary && byID[$0.parent].map(FileOwnership.isOSPackage) == true }
            .map(\.child))
        merged.packages.removeAll { ownedBinaries.contains($0.id) }
        merged.relationships += ownership.filter { !ownedBinaries.contains($0.child) }
        return merged
    }

    /// The same package found twice (two catalogers, or a path seen in several layers) is kept once.
    static func deduplicated(_ packages: [Package]) -> [Package] {
        var seen = Set<String>()
        return packages.filter { seen.insert($0.id).inserted }
    }
}

/// Ownership by file overlap (Syft's relationship of that name): an OS package that installs a
/// language package's files owns it.
enum FileOwnership {
    static func relationships(_ packages: [Package], resolver: any FileResolver) -> [Relationship] {
        var owners: [String: String] = [:]
        var canonicalDirectories: [Substring: String] = [:]
        // dpkg lists /bin/bash where a merged-/usr image has /usr/bin/bash behind the /bin symlink:
        // compare paths with their directories resolved inside the image.
        func canonical(_ path: String) -> String {
            guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return path }
            let directory = path[..<slash]
            if let known = canonicalDirectories[directory] { return known + path[slash...] }
            let resolved = (try? resolver.resolve(String(directory)))?.path ?? String(directory)
            canonicalDirectories[directory] = resolved
            return resolved + path[slash...]
        }
        for package in packages {
            for file in ownedFiles(package) { owners[canonical(file)] = package.id }
        }
        guard !owners.isEmpty else { return [] }
        var edges = Set<Relationship>()
        for package in packages where !isOSPackage(package) {
            for file in evidenceFiles(package) {
                if let owner = owners[canonical(file)], owner != package.id {
                    edges.insert(Relationship(parent: owner, child: package.id, kind: .ownershipByFileOverlap))
                }
            }
        }
        return edges.sorted { ($0.parent, $0.child) < ($1.parent, $1.child) }
    }

    static func isOSPackage(_ package: Package) -> Bool {
        [.deb, .apk, .rpm].contains(package.type)
    }

    static func ownedFiles(_ package: Package) -> [String] {
        switch package.metadata {
        case .dpkg(let metadata): metadata.files
        case .apk(let metadata): metadata.files
        case .rpm(let metadata): metadata.files
        default: []
        }
    }

    /// The files that show where a language package is: its metadata files and, for Python, its RECORD.
    static func evidenceFiles(_ package: Package) -> [String] {
        var files = package.locations.map(\.path)
        if case .python(let metadata) = package.metadata { files += metadata.files }
        return files
    }
}
