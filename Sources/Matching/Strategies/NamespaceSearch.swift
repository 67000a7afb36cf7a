import Model

/// Looks names up in one namespace and keeps the records whose range holds the version:
/// the shared search every ecosystem and distro matcher is made of.
struct NamespaceSearch {
    var namespace: String
    var matchType: MatchType
    var confidence: Double

    func search(names: [String], version: String, for package: Package, context: MatchContext) throws(MatchingError) -> [Match] {
        var matches: [Match] = []
        var seen = Set<String>()
        for name in names where seen.insert(name).inserted {
            let records: [VulnerabilityRecord]
            do { records = try context.provider.records(namespace: namespace, packageName: name) } catch {
                throw .lookupFailed(namespace: namespace, package: name, reason: "\(error)")
            }
            var ignored: [String] = []
            for record in records {
                guard let hit = RecordComparison.check(record, version: version, searchedName: name, diagnostics: &ignored) else { continue }
                let enrichment = (try? context.provider.enrichment(for: [record.id] + record.aliases)) ?? Enrichment()
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
