import Model

/// Records held in memory, for matcher tests: the same lookups the VulnDB answers.
struct InMemoryProvider: VulnerabilityProvider {
    var records: [VulnerabilityRecord]
    var knownExploited: Set<String> = []

    func records(namespace: String, packageName: String) throws -> [VulnerabilityRecord] {
        records.filter { $0.namespace == namespace && $0.packageName == packageName }
    }

    func enrichment(for ids: [String]) throws -> Enrichment {
        Enrichment(knownExploited: ids.contains { knownExploited.contains($0) }, epssScore: nil, epssPercentile: nil)
    }
}

enum Fixture {
    static func deb(_ name: String, _ version: String, source: String? = nil, sourceVersion: String? = nil) -> Package {
        Package(name: name, version: version, type: .deb, foundBy: "dpkg-db-cataloger", locations: [Location(path: "/var/lib/dpkg/status", layer: nil)],
                metadata: .dpkg(DpkgMetadata(package: name, source: source, version: version, sourceVersion: sourceVersion, architecture: "amd64",
                                             maintainer: nil, installedSize: nil, depends: [], files: [])))
    }

    static func python(_ name: String, _ version: String) -> Package {
        Package(name: name.lowercased(), version: version, type: .python, foundBy: "python-installed-package-cataloger",
                locations: [Location(path: "/usr/lib/python3/dist-packages/\(name)-\(version).dist-info/METADATA", layer: nil)])
    }

    static let bookworm = Distro(id: "debian", versionID: "12.4", versionCodename: "bookworm")
}
