import Model
import Versions

/// Looks a package's CPEs up in NVD's `nvd:cpe` records by `vendor:product` and keeps the records
/// whose range holds the package version (Grype's CPE matching, simplified: the CPE's target
/// software and the record's platform conditions are not compared).
///
/// These are guesses — the CPE was generated from the package's name, not declared by it — so
/// the matches carry match type `cpe-match` and a lower confidence: `rangeConfidence` when the
/// record bounds the versions, `unboundedConfidence` when NVD says every version is affected
/// (which for a generated CPE is the weakest evidence there is).
struct CPESearch {
    static let namespace = "nvd:cpe"

    var rangeConfidence = 0.5
    var unboundedConfidence = 0.3

    /// The distinct `vendor:product` keys of the package's CPEs with the CPE that gave each;
    /// unparsable CPEs and hardware (`h`) CPEs are left out.
    static func keys(of package: Package) -> [(key: String, cpe: String)] {
        var seen = Set<String>()
        var keys: [(key: String, cpe: String)] = []
        for cpe in package.cpes {
            guard let attributes = CPE.Attributes(parsing: cpe), attributes.part != "h" else { continue }
            if seen.insert(attributes.vendorProduct).inserted { keys.append((attributes.vendorProduct, cpe)) }
        }
        return keys
    }

    func search(_ package: Package, context: MatchContext) throws(MatchingError) -> [Match] {
        let version = package.version
        guard !version.isEmpty else { return [] }
        var matches: [Match] = []
        var matched = Set<String>()
        for (key, cpe) in Self.keys(of: package) {
            let records: [VulnerabilityRecord]
            do { records = try context.provider.records(namespace: Self.namespace, packageName: key) } catch {
                throw .lookupFailed(namespace: Self.namespace, package: key, reason: "\(error)")
            }
            for record in records where !matched.contains(record.id) {
                guard let hit = Self.check(record, version: version, cpe: cpe) else { continue }
                matched.insert(record.id)
                let enrichment = (try? context.provider.enrichment(for: [record.id] + record.aliases)) ?? Enrichment()
                matches.append(Match(
                    vulnerability: record, package: MatchedPackage(package), matchType: .cpe,
                    confidence: hit.unbounded ? unboundedConfidence : rangeConfidence, severity: Self.severity(record),
                    knownExploited: enrichment.knownExploited, epssScore: enrichment.epssScore,
                    epssPercentile: enrichment.epssPercentile, explanation: hit.explanation))
            }
        }
        return matches
    }

    struct Hit {
        var explanation: String
        var unbounded: Bool
    }

    /// Whether `version` is in the record's constraint, compared in the record's scheme (`fuzzy`
    /// for NVD). A version or constraint the scheme cannot read is no hit: a CPE guess is not
    /// worth a diagnostic per package.
    static func check(_ record: VulnerabilityRecord, version: String, cpe: String) -> Hit? {
        guard record.fixState != .notAffected, let format = VersionFormat(rawValue: record.versionFormat),
              let installed = try? format.parse(version) else { return nil }
        let prefix = "\(record.source) record \(record.id) in \(record.namespace) for \(record.packageName) (from CPE \(cpe)): installed \(installed)"
        if record.constraint.isEmpty {
            return Hit(explanation: prefix + " — NVD lists every version as affected [\(format)]", unbounded: true)
        }
        guard let constraint = try? VersionConstraint(parsing: record.constraint, scheme: format),
              let range = try? constraint.matchingRange(for: installed) else { return nil }
        return Hit(explanation: prefix + " is in \(range.explanation) [\(format)]"
                   + (record.fixedIn.isEmpty ? "" : "; fixed in \(record.fixedIn.joined(separator: ", "))"),
                   unbounded: range.comparisons.isEmpty)
    }

    /// Vendor (NVD) severity first, else the highest CVSS base score's rating.
    static func severity(_ record: VulnerabilityRecord) -> Severity {
        if let vendor = record.severity, vendor != .unknown { return vendor }
        return record.cvss.compactMap(\.baseScore).max().map(Severity.init(cvssScore:)) ?? .unknown
    }
}
