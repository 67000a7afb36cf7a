import Foundation
import Model
@testable import Policy

/// A small image, built in code, with something for every gate to find: packages of three
/// ecosystems, a set-uid file, a secret, `/etc/passwd`, a guessed Dockerfile exposing 22, and
/// vulnerability matches of each kind (fixed, won't fix, known-exploited with a high EPSS score).
enum PolicyFixtures {
    static let now = ParameterValue.date("2026-06-01T00:00:00Z")!
    static let layer = try! Digest(parsing: "sha256:" + String(repeating: "a", count: 64))

    static func location(_ path: String) -> Location { Location(path: path, layer: layer) }

    static let image = ImageIdentity(registry: "127.0.0.1:5055", repository: "fixture/app", tag: "latest",
                                     digest: "sha256:" + String(repeating: "1", count: 64), imageID: String(repeating: "2", count: 64))

    static var sbom: SBOM {
        var configuration = ImageConfiguration(architecture: "amd64", os: "linux", config: RunConfiguration(user: "root"))
        configuration.config?.exposedPorts = ["22/tcp": EmptyObject(), "8080/tcp": EmptyObject()]
        var sbom = SBOM(
            source: SBOMSource(kind: "image", name: image.fullTag, layers: [layer], configuration: configuration),
            distro: Distro(id: "debian", versionID: "12", versionCodename: "bookworm", idLike: [], prettyName: nil, name: nil),
            packages: [
                Package(name: "libc6", version: "2.36-9+deb12u4", type: .deb, foundBy: "dpkg", licenses: ["LGPL-2.1"], locations: [location("/var/lib/dpkg/status")]),
                Package(name: "requests", version: "2.19.1", type: .python, foundBy: "python", licenses: ["Apache-2.0"],
                        locations: [location("/usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA")]),
                Package(name: "lodash", version: "4.17.4", type: .npm, foundBy: "npm", licenses: ["MIT"], locations: [location("/usr/lib/node_modules/lodash/package.json")]),
                Package(name: "bash", version: "5.2.15-2+b2", type: .deb, foundBy: "dpkg", licenses: ["GPL-3.0-or-later"], locations: [location("/var/lib/dpkg/status")]),
            ],
            relationships: [],
            files: [
                FileRecord(entry: FileEntry(path: "/usr/bin/passwd", type: .regular, mode: 0o104755, size: 10, layer: layer), sha256: "ab"),
                FileRecord(entry: FileEntry(path: "/etc/ssh/ssh_host_rsa_key", type: .regular, mode: 0o100600, size: 10, layer: layer), sha256: "cd"),
            ],
            secrets: [SecretFinding(name: "aws-access-key", location: location("/root/.aws/credentials"), line: 2, offset: 20, length: 20)],
            contentMatches: [
                SecretFinding(name: "PASSWORD=password\\s*=", location: location("/app/settings.ini"), line: 3, offset: 40, length: 10),
                SecretFinding(name: "PASSWORD=password\\s*=", location: location("/app/settings.ini"), line: 9, offset: 90, length: 10),
                SecretFinding(name: "TODO=TODO", location: location("/app/main.py"), line: 1, offset: 0, length: 4),
            ],
            packageVerification: [
                PackageFileProblem(package: "bash", path: "/usr/bin/bash", status: .changed),
                PackageFileProblem(package: "libc6", path: "/usr/lib/x86_64-linux-gnu/libc.so.6", status: .changed),
                PackageFileProblem(package: "libc6", path: "/usr/share/doc/libc6/changelog.Debian.gz", status: .missing),
            ],
            retrievedFiles: [RetrievedFile(location: location("/etc/passwd"), contents: Data("""
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                games:x:5:60:games:/usr/games:/usr/sbin/nologin

                """.utf8))],
            dockerfile: Dockerfile(text: "FROM scratch\nRUN apt-get install -y openssh-server\nEXPOSE 22\nUSER root\n", guessed: true))
        sbom.diagnostics = []
        return sbom
    }

    static func match(_ id: String, _ package: Package, severity: Severity, fix: FixState, fixedIn: [String] = [], aliases: [String] = [],
                      cvss: [CVSSScore] = [], kev: Bool = false, epss: Double? = nil, published: String? = nil, fixObserved: String? = nil) -> Match {
        Match(vulnerability: VulnerabilityRecord(id: id, namespace: package.type == .deb ? "debian:12" : "pypi", packageName: package.name,
                                                 versionFormat: "pep440", constraint: "< 9", fixedIn: fixedIn, fixState: fix, severity: severity,
                                                 cvss: cvss, aliases: aliases, urls: ["https://example.test/\(id)"], source: "osv", published: published, fixObservedAt: fixObserved),
              package: MatchedPackage(package), matchType: .exactDirect, confidence: 1, severity: severity, knownExploited: kev, epssScore: epss,
              epssPercentile: epss, explanation: "")
    }

    static var matches: [Match] {
        let packages = sbom.packages
        return [
            match("PYSEC-2018-28", packages[1], severity: .medium, fix: .fixed, fixedIn: ["2.20.0"], aliases: ["CVE-2018-18074"],
                  cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 9.8, source: "nvd@nist.gov")], published: "2018-10-09T00:00:00Z",
                  fixObserved: "2018-10-09T00:00:00Z"),
            match("CVE-2023-4911", packages[0], severity: .high, fix: .fixed, fixedIn: ["2.36-9+deb12u3"],
                  cvss: [CVSSScore(version: "3.1", vector: "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", baseScore: 7.8, source: "debian")], kev: true, epss: 0.92, published: "2023-10-03T00:00:00Z",
                  fixObserved: "2023-10-03T00:00:00Z"),
            match("CVE-2019-1010022", packages[0], severity: .critical, fix: .wontFix, published: "2019-07-15T00:00:00Z"),
        ]
    }

    static func input(sbom: SBOM = sbom, matches: [Match] = matches, synced: Date? = now.addingTimeInterval(-3600), previous: SBOM? = nil,
                      image: ImageIdentity = image) -> PolicyInput {
        PolicyInput(image: image, sbom: sbom, matches: matches, vulnerabilityDataSyncedAt: synced, previousSBOM: previous, now: now)
    }

    /// A one-rule v1 bundle mapping everything to it.
    static func bundle(gate: String, trigger: String, params: [String: String] = [:], action: String = "STOP") throws -> PolicyBundle {
        let rule: [String: Any] = ["id": "r1", "gate": gate, "trigger": trigger, "action": action,
                                   "params": params.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }]
        let document: [String: Any] = [
            "id": "b1", "version": "1_0", "name": "t",
            "policies": [["id": "p1", "version": "1_0", "name": "p", "rules": [rule]]],
            "mappings": [["id": "m1", "name": "all", "registry": "*", "repository": "*", "image": ["type": "tag", "value": "*"], "policy_id": "p1"]],
        ]
        return try BundleParser().parse(JSONSerialization.data(withJSONObject: document))
    }
}
