import Model

/// Packages no ecosystem feed covers, matched by their CPEs against NVD (`nvd:cpe`): binaries
/// found by the binary classifiers, and Java archives without a Maven group id (no `group:artifact`
/// to look up in the Maven advisories). Every other package has an exact matcher and never gets
/// CPE matches, which keep Grype's `cpe-match` type and a lower confidence.
struct CPEMatcher: Matcher {
    let name = "cpe-matcher"
    var search = CPESearch()

    func handles(_ package: Package) -> Bool {
        switch package.type {
        case .binary: true
        // The java matcher's own test: no Maven coordinates means nothing it can look up.
        case .javaArchive: EcosystemNames.maven(package).isEmpty
        default: false
        }
    }

    func match(_ package: Package, context: MatchContext) throws(MatchingError) -> [Match] {
        try search.search(package, context: context)
    }

    func lookups(for package: Package, context: MatchContext) -> [Lookup] {
        CPESearch.keys(of: package).map { Lookup(namespace: CPESearch.namespace, packageName: $0.key, version: package.version) }
    }
}
