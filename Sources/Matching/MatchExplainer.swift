import Model

/// `hawser explain VULN-ID --package NAME`: for each package of that name in an SBOM and each
/// record of the vulnerability (under its id or any alias), whether the matchers report it, and
/// if not, the first reason why not — ownership, namespace, name, vendor status or version range —
/// in the order the matchers decide.
public struct MatchExplainer: Sendable {
    public var matchers: [any Matcher]

    public init(matchers: [any Matcher] = Matchers.all) {
        self.matchers = matchers
    }

    public struct Verdict: Sendable, Codable {
        public var record: VulnerabilityRecord
        public var matched: Bool
        public var reason: String
    }

    public struct PackageExplanation: Sendable, Codable {
        public var package: MatchedPackage
        /// The matcher for the package's type, if any.
        public var matcher: String?
        public var lookups: [Lookup]
        public var verdicts: [Verdict]
    }

    /// `records` are every record of the vulnerability; packages are picked by name (as written,
    /// case-insensitively, or PEP 503-normalised).
    public func explain(records: [VulnerabilityRecord], packageName: String, in sbom: SBOM,
                        provider: any VulnerabilityProvider) -> [PackageExplanation] {
        let wanted = PackageName.pep503(packageName)
        let candidates = sbom.packages.filter { $0.name.lowercased() == packageName.lowercased() || PackageName.pep503($0.name) == wanted }
        guard !candidates.isEmpty else { return [] }
        let result = VulnerabilityMatcher(matchers: matchers).match(sbom, provider: provider)
        let reported = result.matches
        let context = MatchContext(distro: sbom.distro, provider: provider)
        let packagesByID = Dictionary(sbom.packages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return candidates.map { package in
            let matcher = matchers.first { $0.handles(package) }
            let lookups = matcher?.lookups(for: package, context: context) ?? []
            let owners = sbom.relationships
                .filter { $0.kind == .ownershipByFileOverlap && $0.child == package.id }
                .compactMap { packagesByID[$0.parent] }
                .filter { [.deb, .apk, .rpm].contains($0.type) }
            let verdicts = records.map { record in
                if let match = reported.first(where: { $0.package.id == package.id && $0.vulnerability.id == record.id
                    && $0.vulnerability.namespace == record.namespace && $0.vulnerability.packageName == record.packageName
                    && $0.vulnerability.constraint == record.constraint && $0.vulnerability.source == record.source }) {
                    return Verdict(record: record, matched: true, reason: "matched (\(match.matchType.rawValue)): \(match.explanation)")
                }
                // A lookup that failed is the reason, whatever the record says.
                if let matcher, let failure = result.diagnostics.first(where: { $0.hasPrefix(matcher.name + ":") && $0.contains(record.namespace) }) {
                    return Verdict(record: record, matched: false, reason: "not matched: the lookup failed: \(failure)")
                }
                return Verdict(record: record, matched: false,
                               reason: "not matched: " + whyNot(record, package: package, matcher: matcher, lookups: lookups, owners: owners))
            }
            return PackageExplanation(package: MatchedPackage(package), matcher: matcher?.name, lookups: lookups, verdicts: verdicts)
        }
    }

    private func whyNot(_ record: VulnerabilityRecord, package: Package, matcher: (any Matcher)?, lookups: [Lookup],
                        owners: [Package]) -> String {
        if let owner = owners.first {
            return "\(package.name) is owned by the \(owner.type.rawValue) package \(owner.name) (its files overlap), "
                + "so only \(owner.name) is matched"
        }
        guard let matcher else { return "no matcher handles \(package.type.rawValue) packages" }
        guard !lookups.isEmpty else {
            return "\(matcher.name) looks nothing up for \(package.name) (no distro namespace, no ecosystem name such as a Maven group id)"
        }
        let inNamespace = lookups.filter { $0.namespace == record.namespace }
        guard !inNamespace.isEmpty else {
            let namespaces = Array(Set(lookups.map(\.namespace))).sorted().joined(separator: ", ")
            return "the \(record.source) record is in \(record.namespace); \(matcher.name) looks \(package.name) up in \(namespaces)"
        }
        guard let lookup = inNamespace.first(where: { $0.packageName == record.packageName }) else {
            let names = inNamespace.map(\.packageName).joined(separator: ", ")
            return "the record names the package \(record.packageName); \(package.name) is looked up as \(names)"
        }
        if record.fixState == .notAffected {
            return "\(record.source) says \(record.packageName) is not affected in \(record.namespace)"
        }
        var problems: [String] = []
        if RecordComparison.check(record, version: lookup.version, searchedName: lookup.packageName, diagnostics: &problems) != nil {
            return "\(lookup.version) is in the record's range \(record.constraint), but the match was dropped as a duplicate of another record of the same id"
        }
        if !problems.isEmpty { return "cannot compare: " + problems.joined(separator: "; ") }
        let fixed = record.fixedIn.isEmpty ? "" : " (fixed in \(record.fixedIn.joined(separator: ", ")))"
        return "installed \(lookup.version) of \(lookup.packageName) is outside the affected range \(record.constraint) [\(record.versionFormat)]\(fixed)"
    }
}
