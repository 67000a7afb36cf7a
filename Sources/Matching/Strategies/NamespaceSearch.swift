import Model

/// Looks names up in one namespace and keeps the records whose range holds the version:
/// the shared search every ecosystem and distro matcher is made of.
struct NamespaceSearch {
    var namespace: String
    var matchType: MatchType
    var confidence: Double

    func search(names: [String], version: String, for package: Package, context: MatchContext) throws(MatchingError) -> [Match] {
        // Within a `VulnerabilityMatcher` run the provider has already fetched and compared the
        // planned lookups (`PreparedLookups`); anything else is looked up and compared here.
        let prepared = context.provider as? PreparedLookups
        var matches: [Match] = []
        var seen = Set<String>()
        for name in names where seen.insert(name).inserted {
            let hits: [RecordComparison.Hit]
            if let known = prepared?.hits(namespace: namespace, packageName: name, version: version) {
                hits = known
            } else {
                let records: [VulnerabilityRecord]
                do { records = try context.provider.records(namespace: namespace, packageName: name) } catch {
                    throw .lookupFailed(namespace: namespace, package: name, reason: "\(error)")
                }
                var ignored: [String] = []
                hits = RecordComparison.hits(in: records, version: version, searchedName: name, diagnostics: &ignored)
            }
            for hit in hits {
                let enrichment = (try? context.provider.enrichment(for: [hit.record.id] + hit.record.aliases)) ?? Enrichment()
                matches.append(Match(vulnerability: hit.record, package: MatchedPackage(package),
                                     matchType: name == package.name ? matchType : .exactIndirect, confidence: confidence,
                                     severity: RecordComparison.severity(hit.record), knownExploited: enrichment.knownExploited,
                                     epssScore: enrichment.epssScore, epssPercentile: enrichment.epssPercentile,
                                     explanation: hit.explanation))
            }
        }
        return matches
    }
}
