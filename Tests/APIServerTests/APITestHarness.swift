import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Model
import SBOMFormats
import Service
import Store
import StoreSQLite
import TestSupport
import Testing
import VulnDB
@testable import APIServer

/// A service on a fresh SQLite store with two accounts (`admin`, and `team1` with user `bob`) and
/// one analysed image per account, seeded through the store's own queue operations; and its router.
struct APITestHarness {
    static let adminImage = "sha256:" + String(repeating: "1", count: 64)
    static let teamImage = "sha256:" + String(repeating: "2", count: 64)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    let service: HawserService
    let store: SQLiteStore
    let directory: TemporaryDirectory

    /// `withVulnerabilityDatabase`: a real VulnDB with one PyPI record (requests < 2.20.0, CVE-2018-18074's fix).
    init(withVulnerabilityDatabase: Bool = false) async throws {
        directory = try TemporaryDirectory("hawser-api")
        store = try SQLiteStore(path: directory.path + "/hawser.sqlite")
        let vulnDB = directory.path + (withVulnerabilityDatabase ? "/vulndb.sqlite" : "/no-vulndb.sqlite")
        if withVulnerabilityDatabase {
            let builder = try VulnDBBuilder(target: vulnDB)
            try builder.add([VulnerabilityRecord(id: "PYSEC-2018-28", namespace: "pypi", packageName: "requests", versionFormat: "pep440",
                                                 constraint: "< 2.20.0", fixedIn: ["2.20.0"], fixState: .fixed,
                                                 aliases: ["CVE-2018-18074", "GHSA-x84v-xcm2-53pg"], source: "osv")],
                            to: .vulnerabilities("github:python"))
            _ = try builder.commit()
        }
        let configuration = ServiceConfiguration(dataDirectory: directory.path, vulnerabilityDatabase: vulnDB,
                                                 workers: 0, adminPassword: "foobar", passwordRounds: 1000, hostID: "test-host")
        service = HawserService(store: store, configuration: configuration, secrets: SecretBox(key: SymmetricKey(size: .bits256)),
                                logger: Logger(label: "api-tests"))
        try await service.bootstrap()
        let admin = Principal(username: "admin", account: "admin", isAdmin: true)
        _ = try await service.createAccount(by: admin, name: "team1", email: "t@example.com")
        _ = try await service.createUser(by: admin, account: "team1", username: "bob", password: "bobpassword")
        try await seed(account: "admin", digest: Self.adminImage)
        try await seed(account: "team1", digest: Self.teamImage)
    }

    /// The small SBOM every seeded image has: a deb and a Python package.
    static var sbom: SBOM {
        let layer = try! Digest(parsing: "sha256:" + String(repeating: "c", count: 64))
        return SBOM(
            source: SBOMSource(kind: "image", name: "127.0.0.1:5055/fixture/app:latest"),
            distro: Distro(id: "debian", versionID: "12", versionCodename: "bookworm", idLike: [], prettyName: nil, name: nil),
            packages: [
                Package(name: "libc6", version: "2.36-9+deb12u14", type: .deb, foundBy: "dpkg-db-cataloger", licenses: ["LGPL-2.1"],
                        locations: [Location(path: "/var/lib/dpkg/status", layer: layer)]),
                Package(name: "requests", version: "2.19.1", type: .python, foundBy: "python-installed-package-cataloger",
                        locations: [Location(path: "/usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA", layer: layer)]),
            ],
            relationships: [],
            dockerfile: Dockerfile(text: "FROM scratch\nRUN true\n", guessed: true))
    }

    /// An image analysed into `sbom`, without a registry.
    func seed(account: String, digest: String) async throws {
        _ = try await store.addImage(ImageAddRequest(
            account: account, digest: digest, tag: ImageTag(registry: "127.0.0.1:5055", repository: "fixture/app", tag: "latest", detectedAt: Self.now),
            pullString: "127.0.0.1:5055/fixture/app@\(digest)", now: Self.now))
        let job = try #require(try await store.claimJob(worker: "seed", leaseSeconds: 60, now: Self.now))
        let document = try JSONEncoder().encode(Self.sbom)
        let result = AnalysisResult(summary: ImageSummary(arch: "amd64", distro: "debian", distroVersion: "12", dockerfileMode: "Guessed",
                                                          imageSize: 100, layerCount: 1, imageID: String(repeating: "d", count: 64)),
                                    documents: [.sbom: document, .manifest: Data("{\"schemaVersion\":2}".utf8)],
                                    event: StoredEvent(account: account, type: "user.image.analysis.completed", level: "info", message: "done",
                                                       resourceType: "image_digest", resourceID: digest, createdAt: Self.now))
        _ = try await store.completeJob(job, worker: "seed", result: result, now: Self.now)
    }

    var application: some ApplicationProtocol {
        Application(router: HawserAPI.router(service: service, version: "test"))
    }

    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString(), .contentType: "application/json"]
    }

    static let admin = basic("admin", "foobar")
    static let bob = basic("bob", "bobpassword")

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: [.fragmentsAllowed])
    }
}
