import Model

/// Language packages against their ecosystem's advisories (OSV/GHSA), by the name the ecosystem
/// uses: PEP 503 for PyPI, `group:artifact` for Maven, the module path for Go.
struct EcosystemMatcher: Matcher {
    let name: String
    let type: PackageType
    let namespace: String
    /// The names to look up (normalised); empty means the package cannot be matched this way.
    let names: @Sendable (Package) -> [String]
    /// The version to compare, when it is not the package's own.
    var version: @Sendable (Package) -> String = { $0.version }

    func handles(_ package: Package) -> Bool { package.type == type }

    func match(_ package: Package, context: MatchContext) throws(MatchingError) -> [Match] {
        let names = names(package)
        guard !names.isEmpty else { return [] }
        return try NamespaceSearch(namespace: namespace, matchType: .exactDirect, confidence: 1.0)
            .search(names: names, version: version(package), for: package, context: context)
    }

    func lookups(for package: Package, context: MatchContext) -> [Lookup] {
        names(package).map { Lookup(namespace: namespace, packageName: $0, version: version(package)) }
    }
}

enum EcosystemNames {
    /// PEP 503, as the OSV transformer normalised the records.
    static func pypi(_ package: Package) -> [String] { [PackageName.pep503(package.name)] }

    /// `group:artifact` from the archive's pom coordinates or its purl; nothing without a group.
    static func maven(_ package: Package) -> [String] {
        if case .javaArchive(let metadata) = package.metadata, let group = metadata.groupID, !group.isEmpty {
            return ["\(group):\(metadata.artifactID ?? package.name)"]
        }
        if let purl = package.purl, purl.hasPrefix("pkg:maven/") {
            let path = purl.dropFirst("pkg:maven/".count).split(separator: "@").first ?? ""
            let parts = path.split(separator: "/")
            if parts.count == 2 && parts[0] != parts[1] { return ["\(parts[0]):\(parts[1])"] }
        }
        return []
    }

    static func go(_ package: Package) -> [String] {
        package.name == "(devel)" ? [] : [package.name]
    }

    static func asIs(_ package: Package) -> [String] { [package.name] }

    static func lowercased(_ package: Package) -> [String] { [package.name.lowercased()] }
}
