import Foundation
import Model
import Testing
@testable import Policy

/// Every implemented trigger, with parameters that make it fire and ones that do not, on `PolicyFixtures`.
struct TriggerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var gate: String
        var trigger: String
        var params: [String: String]
        /// How many findings are expected (0: does not fire).
        var fires: Int
        var input: @Sendable () -> PolicyInput = { PolicyFixtures.input() }
        var testDescription: String { "\(gate).\(trigger) \(params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) → \(fires)" }
    }

    static let cases: [Case] = [
        Case(gate: "always", trigger: "always", params: [:], fires: 1),
        // dockerfile
        Case(gate: "dockerfile", trigger: "exposed_ports", params: ["ports": "22", "type": "blacklist"], fires: 1),
        Case(gate: "dockerfile", trigger: "exposed_ports", params: ["ports": "443", "type": "blacklist"], fires: 0),
        Case(gate: "dockerfile", trigger: "exposed_ports", params: ["ports": "22,8080", "type": "whitelist"], fires: 0),
        Case(gate: "dockerfile", trigger: "exposed_ports", params: ["ports": "22", "type": "whitelist"], fires: 1),
        Case(gate: "dockerfile", trigger: "exposed_ports", params: ["ports": "22", "type": "blacklist", "actual_dockerfile_only": "true"], fires: 0),
        Case(gate: "dockerfile", trigger: "instruction", params: ["instruction": "HEALTHCHECK", "check": "not_exists"], fires: 1),
        Case(gate: "dockerfile", trigger: "instruction", params: ["instruction": "EXPOSE", "check": "not_exists"], fires: 0),
        Case(gate: "dockerfile", trigger: "instruction", params: ["instruction": "RUN", "check": "like", "value": "openssh-server"], fires: 1),
        Case(gate: "dockerfile", trigger: "instruction", params: ["instruction": "USER", "check": "in", "value": "root,admin"], fires: 1),
        Case(gate: "dockerfile", trigger: "instruction", params: ["instruction": "USER", "check": "=", "value": "app"], fires: 0),
        Case(gate: "dockerfile", trigger: "effective_user", params: ["users": "root", "type": "blacklist"], fires: 1),
        Case(gate: "dockerfile", trigger: "effective_user", params: ["users": "root", "type": "whitelist"], fires: 0),
        Case(gate: "dockerfile", trigger: "effective_user", params: ["users": "app", "type": "whitelist"], fires: 1),
        Case(gate: "dockerfile", trigger: "no_dockerfile_provided", params: [:], fires: 1),
        // vulnerabilities (won't-fix matches are dropped unless vendor_only=false)
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "severity_comparison": ">=", "severity": "medium"], fires: 2),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "severity_comparison": ">=", "severity": "medium", "vendor_only": "false"], fires: 3),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "severity_comparison": "=", "severity": "high"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "non-os", "severity_comparison": ">", "severity": "low"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "os", "severity_comparison": "<", "severity": "high"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "fix_available": "true"], fires: 2),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "fix_available": "false", "vendor_only": "false"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "cvss_v3_base_score_comparison": ">=", "cvss_v3_base_score": "9.0"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "cvss_v3_base_score_comparison": "<", "cvss_v3_base_score": "9.0"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "vendor_cvss_v3_base_score": "1.0"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "vendor_cvss_v3_base_score_comparison": ">", "vendor_cvss_v3_base_score": "7.8"], fires: 0),
        // sub-scores computed from the vectors: NVD's 9.8 vector is 3.9 / 5.9, the vendor's local one 1.8 / 5.9;
        // a match without such a score reads -1.0, as in Anchore, so "<" conditions hold for it
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "cvss_v3_exploitability_score_comparison": ">=", "cvss_v3_exploitability_score": "3.5"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "cvss_v3_exploitability_score_comparison": ">", "cvss_v3_exploitability_score": "3.9"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "cvss_v3_impact_score_comparison": "=", "cvss_v3_impact_score": "5.9"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "cvss_v3_impact_score_comparison": "<", "cvss_v3_impact_score": "5.9"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "vendor_cvss_v3_exploitability_score_comparison": "<=", "vendor_cvss_v3_exploitability_score": "1.8"], fires: 2),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "vendor_cvss_v3_exploitability_score_comparison": "=", "vendor_cvss_v3_exploitability_score": "1.8"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "vendor_cvss_v3_exploitability_score_comparison": ">", "vendor_cvss_v3_exploitability_score": "1.8"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "vendor_cvss_v3_impact_score_comparison": ">", "vendor_cvss_v3_impact_score": "5.0"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "vendor_cvss_v3_impact_score_comparison": ">", "vendor_cvss_v3_impact_score": "6.0"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "package_path_exclude": "^/usr/lib/python3/"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "max_days_since_creation": "1000"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "max_days_since_creation": "5000"], fires: 0),
        // fixes first seen 2018-10-09 and 2023-10-03; "now" is 2026-06-01; the parameter needs fix_available=true
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "fix_available": "true", "max_days_since_fix": "900"], fires: 2),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "fix_available": "true", "max_days_since_fix": "1000"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "fix_available": "true", "max_days_since_fix": "3000"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "package", params: ["package_type": "all", "max_days_since_fix": "3000"], fires: 2),
        Case(gate: "vulnerabilities", trigger: "stale_feed_data", params: ["max_days_since_sync": "2"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "stale_feed_data", params: ["max_days_since_sync": "2"], fires: 1,
             input: { PolicyFixtures.input(synced: PolicyFixtures.now.addingTimeInterval(-3 * 86400)) }),
        Case(gate: "vulnerabilities", trigger: "vulnerability_data_unavailable", params: [:], fires: 0),
        Case(gate: "vulnerabilities", trigger: "vulnerability_data_unavailable", params: [:], fires: 1, input: { PolicyFixtures.input(synced: nil) }),
        Case(gate: "vulnerabilities", trigger: "blacklist", params: ["vulnerability_ids": "CVE-2018-18074"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "blacklist", params: ["vulnerability_ids": "CVE-2019-1010022"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "blacklist", params: ["vulnerability_ids": "CVE-2019-1010022", "vendor_only": "false"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "kev_list", params: [:], fires: 1),
        Case(gate: "vulnerabilities", trigger: "kev_list", params: ["package_type": "non-os"], fires: 0),
        Case(gate: "vulnerabilities", trigger: "epss", params: ["score_threshold": "0.9"], fires: 1),
        Case(gate: "vulnerabilities", trigger: "epss", params: ["score_threshold": "0.95"], fires: 0),
        // packages
        Case(gate: "packages", trigger: "required_package", params: ["name": "ca-certificates"], fires: 1),
        Case(gate: "packages", trigger: "required_package", params: ["name": "bash"], fires: 0),
        Case(gate: "packages", trigger: "required_package", params: ["name": "bash", "version": "5.2.15-2+b2", "version_match_type": "exact"], fires: 0),
        Case(gate: "packages", trigger: "required_package", params: ["name": "bash", "version": "5.1", "version_match_type": "minimum"], fires: 0),
        Case(gate: "packages", trigger: "required_package", params: ["name": "bash", "version": "5.3", "version_match_type": "minimum"], fires: 1),
        Case(gate: "packages", trigger: "verify", params: [:], fires: 3),
        Case(gate: "packages", trigger: "verify", params: ["check": "missing"], fires: 1),
        Case(gate: "packages", trigger: "verify", params: ["check": "changed"], fires: 2),
        Case(gate: "packages", trigger: "verify", params: ["only_packages": "libc6"], fires: 2),
        Case(gate: "packages", trigger: "verify", params: ["only_packages": "libc6", "check": "changed"], fires: 1),
        Case(gate: "packages", trigger: "verify", params: ["only_directories": "/usr/bin,/usr/share"], fires: 2),
        Case(gate: "packages", trigger: "verify", params: ["only_directories": "/etc"], fires: 0),
        Case(gate: "packages", trigger: "verify", params: ["only_packages": "openssl"], fires: 0),
        Case(gate: "packages", trigger: "blacklist", params: ["name": "lodash"], fires: 1),
        Case(gate: "packages", trigger: "blacklist", params: ["name": "lodash", "version": "4.17.21"], fires: 0),
        // passwd_file
        Case(gate: "passwd_file", trigger: "blacklist_usernames", params: ["user_names": "games,nobody"], fires: 1),
        Case(gate: "passwd_file", trigger: "blacklist_userids", params: ["user_ids": "0"], fires: 1),
        Case(gate: "passwd_file", trigger: "blacklist_groupids", params: ["group_ids": "60,61"], fires: 1),
        Case(gate: "passwd_file", trigger: "blacklist_shells", params: ["shells": "/bin/bash"], fires: 1),
        Case(gate: "passwd_file", trigger: "blacklist_shells", params: ["shells": "/bin/zsh"], fires: 0),
        Case(gate: "passwd_file", trigger: "blacklist_full_entry", params: ["entry": "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin"], fires: 1),
        Case(gate: "passwd_file", trigger: "content_not_available", params: [:], fires: 0),
        // metadata, distro
        Case(gate: "metadata", trigger: "attribute", params: ["attribute": "distro", "check": "=", "value": "debian"], fires: 1),
        Case(gate: "metadata", trigger: "attribute", params: ["attribute": "layer_count", "check": ">", "value": "5"], fires: 0),
        Case(gate: "metadata", trigger: "attribute", params: ["attribute": "architecture", "check": "in", "value": "amd64,arm64"], fires: 1),
        Case(gate: "distro", trigger: "deny", params: ["distro": "debian", "version": "11", "check": "<="], fires: 0),
        Case(gate: "distro", trigger: "deny", params: ["distro": "debian", "version": "12", "check": ">="], fires: 1),
        // files
        // one finding per file and content-search entry; the parameter names the entry, its name or its regex
        Case(gate: "files", trigger: "content_regex_match", params: [:], fires: 2),
        Case(gate: "files", trigger: "content_regex_match", params: ["regex_name": "PASSWORD"], fires: 1),
        Case(gate: "files", trigger: "content_regex_match", params: ["regex_name": "TODO=TODO"], fires: 1),
        Case(gate: "files", trigger: "content_regex_match", params: ["regex_name": "password\\s*="], fires: 1),
        Case(gate: "files", trigger: "content_regex_match", params: ["regex_name": "SECRET"], fires: 0),
        Case(gate: "files", trigger: "name_match", params: ["regex": "ssh_host_.*_key$"], fires: 1),
        Case(gate: "files", trigger: "suid_or_guid_set", params: [:], fires: 1),
        Case(gate: "files", trigger: "attribute_match", params: ["filename": "/etc/ssh/ssh_host_rsa_key", "mode": "00600", "mode_op": "equals"], fires: 1),
        Case(gate: "files", trigger: "attribute_match", params: ["filename": "/etc/ssh/ssh_host_rsa_key", "checksum": "cd", "checksum_match": "not_equals"], fires: 0),
        Case(gate: "files", trigger: "attribute_match", params: ["filename": "/nope", "skip_missing": "false"], fires: 1),
        // licenses, secrets, retrieved files, npm/gem deny lists, malware
        Case(gate: "licenses", trigger: "blacklist_exact_match", params: ["licenses": "MIT"], fires: 1),
        Case(gate: "licenses", trigger: "blacklist_partial_match", params: ["licenses": "GPL"], fires: 2),
        Case(gate: "secret_scans", trigger: "content_regex_checks", params: ["content_regex_name": "AWS_ACCESS_KEY"], fires: 1),
        Case(gate: "secret_scans", trigger: "content_regex_checks", params: ["content_regex_name": "PRIV_KEY"], fires: 0),
        Case(gate: "secret_scans", trigger: "content_regex_checks", params: ["content_regex_name": "PRIV_KEY", "match_type": "notfound"], fires: 1),
        Case(gate: "retrieved_files", trigger: "content_regex", params: ["path": "/etc/passwd", "check": "match", "regex": "games:x:5:"], fires: 1),
        Case(gate: "retrieved_files", trigger: "content_not_available", params: ["path": "/etc/shadow"], fires: 1),
        Case(gate: "npms", trigger: "blacklisted_name_version", params: ["name": "lodash", "version": "4.17.4"], fires: 1),
        Case(gate: "ruby_gems", trigger: "blacklist", params: ["name": "lodash"], fires: 0),
        // tag_drift against the tag's previous image (bash changed, lodash new, an old package gone)
        Case(gate: "tag_drift", trigger: "packages_added", params: [:], fires: 1, input: { PolicyFixtures.input(previous: TriggerTests.previous) }),
        Case(gate: "tag_drift", trigger: "packages_removed", params: [:], fires: 1, input: { PolicyFixtures.input(previous: TriggerTests.previous) }),
        Case(gate: "tag_drift", trigger: "packages_modified", params: [:], fires: 1, input: { PolicyFixtures.input(previous: TriggerTests.previous) }),
        Case(gate: "tag_drift", trigger: "packages_added", params: [:], fires: 0),
    ]

    static var previous: SBOM {
        var sbom = PolicyFixtures.sbom
        sbom.packages.removeAll { $0.name == "lodash" }
        sbom.packages[sbom.packages.firstIndex { $0.name == "bash" }!].version = "5.1-2"
        sbom.packages.append(Package(name: "gzip", version: "1.12", type: .deb, foundBy: "dpkg", locations: []))
        return sbom
    }

    @Test(arguments: cases)
    func trigger(_ test: Case) throws {
        let bundle = try PolicyFixtures.bundle(gate: test.gate, trigger: test.trigger, params: test.params)
        let evaluation = PolicyEvaluator().evaluate(bundle, input: test.input())
        #expect(evaluation.findings.count == test.fires, "\(evaluation.findings.map(\.message))")
        #expect(evaluation.finalAction == (test.fires > 0 ? .stop : .go))
        #expect(evaluation.problems.isEmpty)
    }

    /// Trigger ids as Anchore forms them: `<vuln>+<package>` for vulnerabilities, `always`, else an MD5 of gate, trigger and message.
    @Test func triggerIDs() throws {
        let vulnerable = PolicyEvaluator().evaluate(try PolicyFixtures.bundle(gate: "vulnerabilities", trigger: "package", params: ["package_type": "non-os"]),
                                                    input: PolicyFixtures.input())
        #expect(vulnerable.findings.map(\.triggerID) == ["PYSEC-2018-28+requests"])
        #expect(vulnerable.findings[0].message.hasPrefix("MEDIUM Vulnerability found in non-os package type (python) - /usr/lib/python3/"))
        #expect(vulnerable.findings[0].message.contains("(fixed in: 2.20.0)"))
        // the conditions' values in Anchore's groups: scores, dates, vendor scores
        let detailed = PolicyEvaluator().evaluate(try PolicyFixtures.bundle(gate: "vulnerabilities", trigger: "package", params: [
            "package_type": "non-os", "fix_available": "true", "max_days_since_fix": "30", "cvss_v3_exploitability_score": "3",
            "cvss_v3_base_score": "9", "vendor_cvss_v3_impact_score_comparison": "<", "vendor_cvss_v3_impact_score": "1",
        ]), input: PolicyFixtures.input())
        #expect(detailed.findings.map(\.message) == [
            "MEDIUM Vulnerability found in non-os package type (python) - /usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA (fixed in: 2.20.0)"
                + "(cvss_v3_base_score=9.8 cvss_v3_exploitability_score=3.9)(max_days_since_fix=2018-10-09)(vendor_cvss_v3_impact_score=-1.0)"
                + "(PYSEC-2018-28 - https://example.test/PYSEC-2018-28)",
        ])
        let ports = PolicyEvaluator().evaluate(try PolicyFixtures.bundle(gate: "dockerfile", trigger: "exposed_ports", params: ["ports": "22", "type": "blacklist"]),
                                               input: PolicyFixtures.input())
        #expect(ports.findings[0].triggerID == Gates.triggerID("dockerfile", "exposed_ports", "Dockerfile exposes port (22) which is in policy file DENIEDPORTS list"))
        #expect(ports.findings[0].triggerID.count == 32)
    }
}
