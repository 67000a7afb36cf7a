import Model

/// OS packages (deb, apk, rpm) in the distro's namespace, by binary name and through their source
/// package (dpkg `Source:`, apk origin, rpm source rpm), since distro feeds are keyed by source.
struct DistroPackageMatcher: Matcher {
    let name: String
    let type: PackageType

    func handles(_ package: Package) -> Bool { package.type == type }

    func match(_ package: Package, context: MatchContext) throws(MatchingError) -> [Match] {
        guard let distro = context.distro, let namespace = DistroNamespace.of(distro) else { return [] }
        let search = NamespaceSearch(namespace: namespace, matchType: .exactDirect, confidence: 1.0)
        var matches = try search.search(names: [package.name], version: package.version, for: package, context: context)
        if let source = Self.source(of: package), source.name != package.name {
            let indirect = try search.search(names: [source.name], version: source.version, for: package, context: context)
            let direct = Set(matches.map(\.vulnerability.id))
            matches += indirect.filter { !direct.contains($0.vulnerability.id) }
        }
        return matches
    }

    func lookups(for package: Package, context: MatchContext) -> [Lookup] {
        guard let distro = context.distro, let namespace = DistroNamespace.of(distro) else { return [] }
        var lookups = [Lookup(namespace: namespace, packageName: package.name, version: package.version)]
        if let source = Self.source(of: package), source.name != package.name {
            lookups.append(Lookup(namespace: namespace, packageName: source.name, version: source.version))
        }
        return lookups
    }

    /// The source package and the version to compare it at.
    static func source(of package: Package) -> (name: String, version: String)? {
        switch package.metadata {
        case .dpkg(let metadata):
            guard let source = metadata.source else { return nil }
            return (source, metadata.sourceVersion ?? package.version)
        case .apk(let metadata):
            return metadata.origin.map { ($0, package.version) }
        case .rpm(let metadata):
            // `openssl-3.0.7-24.el9.src.rpm` → `openssl`.
            guard let sourceRPM = metadata.sourceRPM, !sourceRPM.isEmpty else { return nil }
            let stem = sourceRPM.replacingOccurrences(of: ".src.rpm", with: "").replacingOccurrences(of: ".nosrc.rpm", with: "")
            let parts = stem.split(separator: "-")
            guard parts.count > 2 else { return nil }
            return (parts.dropLast(2).joined(separator: "-"), package.version)
        default:
            return nil
        }
    }
}
