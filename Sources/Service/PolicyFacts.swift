import Foundation
import Model
import Policy

/// What policy evaluation reads of one image, kept as its own small document (`policy_facts`,
/// tens of kilobytes where the SBOM and report are hundreds), so evaluating many stored images —
/// a policy preview — decodes little. Written with every vulnerability report; a reader without
/// one, or with one from another DB, falls back to the full documents. Changelog: 1 — first version.
struct PolicyFacts: Codable {
    var schemaVersion = 1
    /// The matching DB the matches came from (as the report's `database`).
    var database: String
    var source: SBOMSource
    var distro: Distro?
    var packages: [FactPackage]
    var secrets: [SecretFinding]
    var contentMatches: [SecretFinding]?
    var packageVerification: [PackageFileProblem]?
    var retrievedFiles: [RetrievedFile]
    var dockerfile: Dockerfile?
    /// The matched packages, once each; matches refer to them by index.
    var matchedPackages: [MatchedPackage]
    var matches: [FactMatch]

    /// A package as gates read it: name, version, type, licenses, first path.
    struct FactPackage: Codable {
        var n: String
        var v: String
        var t: PackageType
        var l: [String]
        var p: String?
    }

    /// A match as gates read it (short keys: a report has thousands).
    struct FactMatch: Codable {
        var pk: Int
        var id: String
        var severity: Severity
        var fs: FixState
        var fx: [String]
        var cv: [CVSSScore]
        var pub: String?
        var fo: String?
        var u: String?
        var al: [String]
        var kev: Bool
        var es: Double?
        var ep: Double?
    }

    init(sbom: SBOM, report: StoredVulnerabilityReport) {
        database = report.database
        source = sbom.source
        distro = sbom.distro
        packages = sbom.packages.map { FactPackage(n: $0.name, v: $0.version, t: $0.type, l: $0.licenses, p: $0.locations.first?.path) }
        secrets = sbom.secrets
        contentMatches = sbom.contentMatches
        packageVerification = sbom.packageVerification
        retrievedFiles = sbom.retrievedFiles
        dockerfile = sbom.dockerfile
        var index: [String: Int] = [:]
        var matchedPackages: [MatchedPackage] = []
        matches = report.matches.map { match in
            let position: Int
            if let known = index[match.package.id] {
                position = known
            } else {
                position = matchedPackages.count
                index[match.package.id] = position
                matchedPackages.append(match.package)
            }
            let record = match.vulnerability
            return FactMatch(pk: position, id: record.id, severity: match.severity, fs: record.fixState, fx: record.fixedIn, cv: record.cvss,
                             pub: record.published, fo: record.fixObservedAt, u: record.urls.first, al: record.aliases,
                             kev: match.knownExploited, es: match.epssScore, ep: match.epssPercentile)
        }
        self.matchedPackages = matchedPackages
    }

    /// The SBOM and matches the gates see (what they never read left empty).
    var sbom: SBOM {
        SBOM(source: source, distro: distro,
             packages: packages.map { Package(name: $0.n, version: $0.v, type: $0.t, foundBy: "", licenses: $0.l,
                                              locations: $0.p.map { [Location(path: $0, layer: nil)] } ?? []) },
             relationships: [], secrets: secrets, contentMatches: contentMatches, packageVerification: packageVerification,
             retrievedFiles: retrievedFiles, dockerfile: dockerfile)
    }

    var policyMatches: [Match] {
        matches.map { fact in
            let package = matchedPackages[fact.pk]
            let record = VulnerabilityRecord(id: fact.id, namespace: "", packageName: package.name, versionFormat: "", constraint: "",
                                             fixedIn: fact.fx, fixState: fact.fs, cvss: fact.cv, aliases: fact.al, urls: fact.u.map { [$0] } ?? [],
                                             source: "", published: fact.pub, fixObservedAt: fact.fo)
            return Match(vulnerability: record, package: package, matchType: .exactDirect, confidence: 1, severity: fact.severity,
                         knownExploited: fact.kev, epssScore: fact.es, epssPercentile: fact.ep, explanation: "")
        }
    }

    /// The `policy_facts` document for an image's SBOM and report.
    static func document(sbom: SBOM, report: StoredVulnerabilityReport) throws(ServiceError) -> Data {
        try PolicyFacts(sbom: sbom, report: report).jsonData()
    }
}
