import Model

/// Matches against `SampleSBOM`'s packages, with real record values (Debian's openssl
/// CVE-2024-5535 won't-fix, npm GHSA with an alias and CVSS v3.1), for the report golden files.
enum SampleMatches {
    static var matches: [Match] {
        let packages = SampleSBOM.sbom.packages
        let deb = packages[0], npm = packages[2]
        let wontFix = VulnerabilityRecord(
            id: "CVE-2024-5535", namespace: "debian:12", packageName: "openssl", versionFormat: "deb", constraint: "",
            fixState: .wontFix, severity: .low, aliases: [], summary: "SSL_select_next_proto buffer overread",
            urls: ["https://security-tracker.debian.org/tracker/CVE-2024-5535"], source: "debian-tracker")
        let fixed = VulnerabilityRecord(
            id: "GHSA-xxxx-2024-0001", namespace: "npm", packageName: "@scope/widget", versionFormat: "semver",
            constraint: ">= 2.0.0-alpha.0, < 2.0.1", fixedIn: ["2.0.1"], fixState: .fixed,
            cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 9.8, source: "security-advisories@github.com")],
            aliases: ["CVE-2024-0001"], summary: "Prototype pollution in widget", urls: ["https://github.com/advisories/GHSA-xxxx-2024-0001"],
            source: "osv", published: "2024-01-02T03:04:05Z", modified: "2024-02-03T04:05:06Z")
        return [
            Match(vulnerability: fixed, package: MatchedPackage(npm), matchType: .exactDirect, confidence: 1, severity: .critical,
                  knownExploited: true, epssScore: 0.42, epssPercentile: 0.97,
                  explanation: "osv record GHSA-xxxx-2024-0001 in npm for @scope/widget: installed 2.0.0-beta.1 is in >= 2.0.0-alpha.0, < 2.0.1 [semver]; fixed in 2.0.1"),
            Match(vulnerability: wontFix, package: MatchedPackage(deb), matchType: .exactIndirect, confidence: 1, severity: .low,
                  explanation: "debian-tracker record CVE-2024-5535 in debian:12 for openssl: every version is affected (wont-fix)"),
        ]
    }
}
