import Foundation
import Model
import Policy
import Testing
@testable import Service

/// The small `policy_facts` document a preview reads must give every gate what the full SBOM and
/// report give it: the same findings, messages and final action.
struct PolicyFactsTests {
    static var sbom: SBOM {
        let layer = try! Digest(parsing: "sha256:" + String(repeating: "a", count: 64))
        var configuration = ImageConfiguration(architecture: "amd64", os: "linux", config: RunConfiguration(user: "root"))
        configuration.config?.exposedPorts = ["22/tcp": EmptyObject()]
        return SBOM(
            source: SBOMSource(kind: "image", name: "r/app:1", layers: [layer], configuration: configuration),
            distro: Distro(id: "debian", versionID: "12", versionCodename: "bookworm", idLike: [], prettyName: nil, name: nil),
            packages: [
                Package(name: "libc6", version: "2.36-9", type: .deb, foundBy: "dpkg", licenses: ["LGPL-2.1"],
                        locations: [Location(path: "/var/lib/dpkg/status", layer: layer)]),
                Package(name: "requests", version: "2.19.1", type: .python, foundBy: "python", licenses: ["Apache-2.0"],
                        locations: [Location(path: "/usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA", layer: layer)]),
            ],
            relationships: [],
            secrets: [SecretFinding(name: "aws-access-key", location: Location(path: "/root/.aws/credentials", layer: layer), line: 2, offset: 1, length: 20)],
            contentMatches: [SecretFinding(name: "PW=password", location: Location(path: "/app/x.ini", layer: layer), line: 1, offset: 0, length: 8)],
            packageVerification: [PackageFileProblem(package: "libc6", path: "/usr/lib/libc.so.6", status: .changed)],
            retrievedFiles: [RetrievedFile(location: Location(path: "/etc/passwd", layer: layer), contents: Data("root:x:0:0:root:/root:/bin/bash\n".utf8))],
            dockerfile: Dockerfile(text: "FROM scratch\nEXPOSE 22\n", guessed: true))
    }

    static var report: StoredVulnerabilityReport {
        let packages = sbom.packages
        func match(_ id: String, _ package: Package, _ severity: Severity, fix: FixState, fixedIn: [String] = [], kev: Bool = false) -> Match {
            Match(vulnerability: VulnerabilityRecord(id: id, namespace: "debian:12", packageName: package.name, versionFormat: "deb", constraint: "< 9",
                                                     fixedIn: fixedIn, fixState: fix, severity: severity,
                                                     cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 9.8, source: "nvd@nist.gov")],
                                                     aliases: ["GHSA-x"], related: ["R"], summary: "text", urls: ["https://e.test/\(id)", "https://f.test"],
                                                     source: "osv", published: "2019-01-01T00:00:00Z", fixObservedAt: fixedIn.isEmpty ? nil : "2020-01-01T00:00:00Z"),
                  package: MatchedPackage(package), matchType: .exactIndirect, confidence: 1, severity: severity, knownExploited: kev,
                  epssScore: kev ? 0.9 : nil, epssPercentile: kev ? 0.99 : nil, explanation: "because")
        }
        return StoredVulnerabilityReport(database: "db-1", generatedAt: Date(), matches: [
            match("CVE-1", packages[0], .critical, fix: .fixed, fixedIn: ["2.36-10"], kev: true),
            match("CVE-2", packages[0], .high, fix: .wontFix),
            match("CVE-3", packages[1], .medium, fix: .fixed, fixedIn: ["2.20.0"]),
            match("CVE-4", packages[1], .low, fix: .notFixed),
        ])
    }

    static let bundle = """
        {"id": "all", "version": "1_0", "name": "all", "whitelists": [], "mappings": [
          {"id": "m", "name": "all", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"}, "policy_id": "p", "whitelist_ids": []}],
         "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
           {"id": "1", "gate": "vulnerabilities", "trigger": "package", "action": "WARN", "params": [{"name": "package_type", "value": "all"},
             {"name": "severity_comparison", "value": ">="}, {"name": "severity", "value": "low"}, {"name": "vendor_only", "value": "false"}]},
           {"id": "2", "gate": "vulnerabilities", "trigger": "package", "action": "STOP", "params": [{"name": "package_type", "value": "os"},
             {"name": "fix_available", "value": "true"}, {"name": "max_days_since_fix", "value": "10"}, {"name": "cvss_v3_exploitability_score", "value": "3"}]},
           {"id": "3", "gate": "vulnerabilities", "trigger": "kev_list", "action": "STOP", "params": []},
           {"id": "4", "gate": "vulnerabilities", "trigger": "epss", "action": "WARN", "params": [{"name": "score_threshold", "value": "0.5"}]},
           {"id": "5", "gate": "vulnerabilities", "trigger": "blacklist", "action": "STOP", "params": [{"name": "vulnerability_ids", "value": "GHSA-x"}]},
           {"id": "6", "gate": "packages", "trigger": "blacklist", "action": "WARN", "params": [{"name": "name", "value": "requests"}]},
           {"id": "7", "gate": "packages", "trigger": "verify", "action": "WARN", "params": []},
           {"id": "8", "gate": "licenses", "trigger": "blacklist_exact_match", "action": "WARN", "params": [{"name": "licenses", "value": "Apache-2.0"}]},
           {"id": "9", "gate": "secret_scans", "trigger": "content_regex_checks", "action": "STOP", "params": []},
           {"id": "10", "gate": "passwd_file", "trigger": "blacklist_usernames", "action": "WARN", "params": [{"name": "user_names", "value": "root"}]},
           {"id": "11", "gate": "dockerfile", "trigger": "exposed_ports", "action": "STOP", "params": [{"name": "ports", "value": "22"}, {"name": "type", "value": "blacklist"}]},
           {"id": "12", "gate": "metadata", "trigger": "attribute", "action": "WARN", "params": [{"name": "attribute", "value": "distro"}, {"name": "check", "value": "="}, {"name": "value", "value": "debian"}]},
           {"id": "13", "gate": "files", "trigger": "content_regex_match", "action": "WARN", "params": []},
           {"id": "14", "gate": "distro", "trigger": "deny", "action": "WARN", "params": [{"name": "distro", "value": "debian"}, {"name": "version", "value": "12"}, {"name": "check", "value": "="}]}
         ]}]}
        """

    @Test func factsEvaluateLikeTheFullDocuments() throws {
        let facts = try JSONDecoder().decode(PolicyFacts.self, from: try PolicyFacts.document(sbom: Self.sbom, report: Self.report))
        #expect(facts.matchedPackages.count == 2 && facts.matches.count == 4)
        let image = ImageIdentity(registry: "r", repository: "app", tag: "1", digest: "sha256:" + String(repeating: "1", count: 64), imageID: "x")
        let now = Date(timeIntervalSince1970: 1_780_272_000)  // 2026-06-01
        for document in [Self.bundle, DefaultBundle.json] {
            let bundle = try BundleParser().parse(Data(document.utf8))
            let full = PolicyEvaluator().evaluate(bundle, input: PolicyInput(image: image, sbom: Self.sbom, matches: Self.report.matches,
                                                                             vulnerabilityDataSyncedAt: now, now: now))
            let small = PolicyEvaluator().evaluate(bundle, input: PolicyInput(image: image, sbom: facts.sbom, matches: facts.policyMatches,
                                                                              vulnerabilityDataSyncedAt: now, now: now))
            #expect(full.findings.count >= (document == Self.bundle ? 14 : 2))
            #expect(small.findings.map { "\($0.gate) \($0.triggerID) \($0.message)" } == full.findings.map { "\($0.gate) \($0.triggerID) \($0.message)" })
            #expect(small.finalAction == full.finalAction)
        }
    }
}
