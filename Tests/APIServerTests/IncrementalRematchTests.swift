import Foundation
import Model
import Testing
import VulnDB
@testable import Service

/// After a feed sync only the stored images whose lookups the sync changed are matched again; the
/// others are marked current for the new DB and read exactly as a full re-match would give them.
struct IncrementalRematchTests {
    static func sbom(_ name: String, _ version: String) -> SBOM {
        SBOM(source: SBOMSource(kind: "image", name: "127.0.0.1:5055/r/\(name):1"), distro: nil,
             packages: [Package(name: name, version: version, type: .python, foundBy: "python-installed-package-cataloger", locations: [])],
             relationships: [])
    }

    static let python = FeedGroup.vulnerabilities("github:python")
    static let requestsRecord = VulnerabilityRecord(
        id: "PYSEC-2018-28", namespace: "pypi", packageName: "requests", versionFormat: "pep440", constraint: "< 2.20.0",
        fixedIn: ["2.20.0"], fixState: .fixed, aliases: ["CVE-2018-18074", "GHSA-x84v-xcm2-53pg"], source: "osv")
    static let flaskRecord = VulnerabilityRecord(
        id: "PYSEC-2019-179", namespace: "pypi", packageName: "flask", versionFormat: "pep440", constraint: "< 1.0",
        fixedIn: ["1.0"], fixState: .fixed, severity: .high, aliases: ["CVE-2019-1010083"], source: "osv")

    @Test func onlyTouchedImagesAreMatchedAgain() async throws {
        let harness = try await APITestHarness(withVulnerabilityDatabase: true)
        defer { harness.directory.remove() }
        let service = harness.service, path = service.configuration.vulnerabilityDatabase
        let requests = try await service.importSBOM(account: "admin", data: JSONEncoder().encode(Self.sbom("requests", "2.19.1")),
                                                    tag: nil, digest: "sha256:" + String(repeating: "a", count: 64), annotations: [:])
        let flask = try await service.importSBOM(account: "admin", data: JSONEncoder().encode(Self.sbom("flask", "0.12")),
                                                 tag: nil, digest: "sha256:" + String(repeating: "b", count: 64), annotations: [:])
        // The harness's two seeded images have no report yet: matched once, fully.
        #expect(await service.rematchStoredImages() == HawserService.RematchOutcome(rematched: 2, changed: 0, untouched: 0))
        #expect(await service.rematchStoredImages() == HawserService.RematchOutcome())

        // A flask record: the flask image is matched again and gains it; the three with requests are not.
        var before = try await service.matchingDatabase.current().identity
        var sync = try VulnerabilityDatabase.replace(group: Self.python, records: [Self.requestsRecord, Self.flaskRecord],
                                                     sync: GroupSync(lastSync: Date()), at: path)
        var outcome = await service.rematchStoredImages(changes: sync.changes, since: before)
        #expect(outcome == HawserService.RematchOutcome(rematched: 1, changed: 1, untouched: 3))
        #expect(try await service.vulnerabilities(account: "admin", digest: flask.digest).matches.map(\.vulnerability.id) == ["PYSEC-2019-179"])
        // The untouched report is current as stored, and the same as a full match gives.
        let current = try await service.matchingDatabase.current().identity
        let stored = try await service.vulnerabilities(account: "admin", digest: requests.digest)
        #expect(stored.database != current)
        let fresh = try await service.vulnerabilities(account: "admin", digest: requests.digest, refresh: true)
        #expect(fresh.database == current)
        #expect(stored.matches.map(\.vulnerability) == fresh.matches.map(\.vulnerability))
        #expect(stored.matches.map(\.vulnerability.id) == ["PYSEC-2018-28"])

        // A change to the requests record touches the three requests images and changes their reports.
        before = current
        var severe = Self.requestsRecord
        severe.severity = .critical
        sync = try VulnerabilityDatabase.replace(group: Self.python, records: [severe, Self.flaskRecord], sync: GroupSync(lastSync: Date()), at: path)
        outcome = await service.rematchStoredImages(changes: sync.changes, since: before)
        #expect(outcome == HawserService.RematchOutcome(rematched: 3, changed: 3, untouched: 1))
        #expect(try await service.vulnerabilities(account: "admin", digest: requests.digest).matches.map(\.vulnerability.severity) == [.critical])

        // Without the sync's changes (the DB replaced by `hawser db sync`), every stale report is matched.
        before = try await service.matchingDatabase.current().identity
        try VulnerabilityDatabase.replace(group: Self.python, records: [severe], sync: GroupSync(lastSync: Date()), at: path)
        outcome = await service.rematchStoredImages()
        #expect(outcome == HawserService.RematchOutcome(rematched: 4, changed: 1, untouched: 0))
    }
}
