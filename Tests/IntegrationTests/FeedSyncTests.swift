import Engine
import Foundation
import Model
import Testing
import TestSupport
import VulnDB

/// `hawser db sync` against ../shared/feeds served over HTTP with the publishers' URL layout.
/// Every test has its own server and directory, so they run in parallel.
@Suite
struct FeedSyncTests {
    static let feeds = RealImageScanTests.feeds
    static let bucket = "/osv-vulnerabilities.storage.googleapis.com"
    /// Failed downloads are still retried as often as in production, only without its 0.5 s, 1 s, 2 s waits.
    static let retryDelay: Duration = .milliseconds(10)
    /// The same for the `hawser` subprocess (read by `FeedSync`).
    static let fastRetries = ["HAWSER_FEED_RETRY_DELAY_MS": "10"]

    static func runSync(_ server: FeedMirrorServer, database: String, sources: [String], full: Bool = false) async -> FeedSync.Report {
        var sync = FeedSync(database: database, sources: sources.compactMap(FeedSources.named), mirrorURL: server.url, full: full)
        sync.osvEcosystems = ["PyPI", "crates.io", "npm"]
        sync.retryDelay = Self.retryDelay
        return await sync.run()
    }

    func sync(_ server: FeedMirrorServer, database: String, sources: [String], full: Bool = false) async -> FeedSync.Report {
        await Self.runSync(server, database: database, sources: sources, full: full)
    }

    /// The first sync of osv (PyPI, crates.io; npm is not listed), debian-oval and kev into an empty
    /// directory is the same in two tests, and one of the slowest steps here (every dump fetched,
    /// transformed and written): it runs once, on its own server, and each test goes on from a copy.
    actor FirstSync {
        struct Outcome: Sendable {
            /// Holds `vulndb.sqlite` and the sync's download mirror `feeds/`; never modified after the sync.
            var directory: String
            var report: FeedSync.Report
            /// The paths the sync asked its server for, in order.
            var requestedPaths: [String]
        }

        private var running: Task<Outcome, any Error>?

        func outcome() async throws -> Outcome {
            if running == nil {
                running = Task {
                    let directory = try TemporaryDirectory("hawser-first-sync")
                    let server = try await FeedMirrorServer(feeds: FeedSyncTests.feeds)
                    let report = await FeedSyncTests.runSync(server, database: directory.path + "/vulndb.sqlite", sources: ["osv", "debian-oval", "kev"])
                    let requestedPaths = server.requestedPaths
                    await server.shutdown()
                    return Outcome(directory: directory.path, report: report, requestedPaths: requestedPaths)
                }
            }
            return try await running!.value
        }
    }

    static let firstSync = FirstSync()

    /// The first sync's outcome, with its DB and feed mirror copied into `directory` (tests change them).
    /// Returns the copy's DB path.
    func afterFirstSync(in directory: TemporaryDirectory) async throws -> (database: String, first: FeedSync.Report, requestedPaths: [String]) {
        let outcome = try await Self.firstSync.outcome()
        for name in try FileManager.default.contentsOfDirectory(atPath: outcome.directory) {
            try FileManager.default.copyItem(atPath: outcome.directory + "/" + name, toPath: directory.path + "/" + name)
        }
        return (directory.path + "/vulndb.sqlite", outcome.report, outcome.requestedPaths)
    }

    @Test func firstSyncFetchesDumpsLaterSyncsOnlyChangedRecords() async throws {
        let directory = try TemporaryDirectory("hawser-sync")
        defer { directory.remove() }
        let (database, first, firstRequestedPaths) = try await afterFirstSync(in: directory)
        // The later syncs go to a server of their own (the mirror URL is not part of the synced state).
        let server = try await FeedMirrorServer(feeds: Self.feeds)

        #expect(first.failures.isEmpty, "\(first.failures)")
        let status = try #require(first.status)
        for group in ["osv:pypi", "osv:crates.io", "debian:12", "debian:11"] {
            #expect((status.group(.vulnerabilities(group))?.recordCount ?? 0) > 500, "\(group)")
        }
        #expect(status.kevCount == 1404)
        // npm is not in this bucket's ecosystems.txt, trixie's OVAL is not published: notes, not failures.
        #expect(first.diagnostics.contains { $0.contains("npm") })
        #expect(first.diagnostics.contains { $0.contains("trixie") && $0.contains("404") })
        #expect(firstRequestedPaths.contains(Self.bucket + "/PyPI/all.zip"))
        let db = try VulnerabilityDatabase(path: database)
        #expect(try db.records(namespace: "pypi", packageName: "requests").contains { $0.id == "PYSEC-2018-28" && $0.fixedIn == ["2.20.0"] })

        // Nothing changed upstream: no dump is fetched again and every group is left as it was.
        let before = server.requestedPaths.count
        let second = await sync(server, database: database, sources: ["osv", "debian-oval", "kev"])
        #expect(second.failures.isEmpty, "\(second.failures)")
        let again = server.requestedPaths.dropFirst(before)
        #expect(!again.contains { $0.hasSuffix("all.zip") }, "\(Array(again))")
        #expect(second.updated.isEmpty, "\(second.updated)")
        #expect(second.unchanged.contains("vulnerabilities/osv:pypi"))

        // One record changes upstream: the index names it, only it is fetched, the group is rebuilt with it.
        let index = try String(contentsOfFile: Self.feeds + "/osv/PyPI/modified_id.csv", encoding: .utf8)
        server.override(Self.bucket + "/PyPI/modified_id.csv",
                        with: .init(status: 200, body: Array(("2030-01-01T00:00:00Z,PYSEC-2018-28\n" + index).utf8)))
        let original = try #require(try db.records(id: "PYSEC-2018-28").first)
        let document = try Self.osvDocument("PyPI", "PYSEC-2018-28").replacingOccurrences(of: "\"2.20.0\"", with: "\"2.21.0\"")
        server.override(Self.bucket + "/PyPI/PYSEC-2018-28.json", with: .init(status: 200, body: Array(document.utf8)))
        let mark = server.requestedPaths.count
        let third = await sync(server, database: database, sources: ["osv"])
        #expect(third.failures.isEmpty, "\(third.failures)")
        let fetched = Array(server.requestedPaths.dropFirst(mark))
        #expect(fetched.contains(Self.bucket + "/PyPI/PYSEC-2018-28.json"))
        #expect(!fetched.contains { $0.hasSuffix("all.zip") }, "\(fetched)")
        #expect(third.updated["vulnerabilities/osv:pypi"] == status.group(.vulnerabilities("osv:pypi"))?.recordCount)
        let changed = try VulnerabilityDatabase(path: database).records(namespace: "pypi", packageName: "requests").filter { $0.id == "PYSEC-2018-28" }
        #expect(changed.map(\.fixedIn) == [["2.21.0"]], "was \(original.fixedIn)")
        await server.shutdown()
    }

    @Test func brokenDownloadsAndBadRecordsKeepThePreviousData() async throws {
        let directory = try TemporaryDirectory("hawser-sync")
        defer { directory.remove() }
        let (database, first, _) = try await afterFirstSync(in: directory)
        let server = try await FeedMirrorServer(feeds: Self.feeds)
        #expect(first.failures.isEmpty, "\(first.failures)")
        let before = try #require(first.status)

        // A truncated all.zip (a --full sync fetches it), a malformed OVAL, a KEV server error.
        let zip = try Data(contentsOf: URL(fileURLWithPath: Self.feeds + "/osv/crates.io/all.zip"))
        server.override(Self.bucket + "/crates.io/all.zip", with: .init(status: 200, body: Array(zip.prefix(zip.count / 2))))
        server.override("/www.debian.org/security/oval/oval-definitions-bookworm.xml.bz2",
                        with: .init(status: 200, body: Array("<?xml version=\"1.0\"?><oval_definitions><definitions><definition id=\"x\">".utf8)))
        server.override("/www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
                        with: .init(status: 503, body: Array("maintenance".utf8)))
        // An OSV record with a range type nobody knows arrives through the index.
        let index = try String(contentsOfFile: Self.feeds + "/osv/PyPI/modified_id.csv", encoding: .utf8)
        server.override(Self.bucket + "/PyPI/modified_id.csv",
                        with: .init(status: 200, body: Array(("2030-01-01T00:00:00Z,PYSEC-2018-28\n" + index).utf8)))
        let document = try Self.osvDocument("PyPI", "PYSEC-2018-28").replacingOccurrences(of: "\"ECOSYSTEM\"", with: "\"CALVER\"")
        server.override(Self.bucket + "/PyPI/PYSEC-2018-28.json", with: .init(status: 200, body: Array(document.utf8)))

        let broken = await sync(server, database: database, sources: ["osv", "debian-oval", "kev"], full: false)
        let failures = broken.failures.joined(separator: "\n")
        #expect(failures.contains("oval-definitions-bookworm.xml.bz2"), "\(failures)")
        #expect(failures.contains("known_exploited_vulnerabilities.json") && failures.contains("503"), "\(failures)")
        #expect(broken.diagnostics.contains { $0.contains("PYSEC-2018-28") }, "\(broken.diagnostics.prefix(5))")
        let full = await sync(server, database: database, sources: ["osv"], full: true)
        #expect(full.failures.contains { $0.contains("crates.io/all.zip") }, "\(full.failures)")

        let after = try VulnerabilityDatabase(path: database).status()
        for group in ["debian:12", "osv:crates.io"] {
            #expect(after.group(.vulnerabilities(group)) == before.group(.vulnerabilities(group)), "\(group)")
        }
        #expect(after.kevCount == before.kevCount)
        await server.shutdown()
    }

    @Test func nvdIsPagedThroughTheAPI() async throws {
        let server = try await FeedMirrorServer(feeds: Self.feeds, extra: [
            "https://services.nvd.nist.gov/rest/json/cves/2.0": Self.feeds + "/samples/nvd/vunnel/full-page.json",
        ])
        let directory = try TemporaryDirectory("hawser-sync")
        defer { directory.remove() }
        let database = directory.path + "/vulndb.sqlite"
        let report = await sync(server, database: database, sources: ["nvd"])
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.fetched == ["https://services.nvd.nist.gov/rest/json/cves/2.0?startIndex=0&resultsPerPage=2000"])
        // 38 CVEs on the page, 25 with CPE configurations (13 await analysis).
        #expect(report.status?.group(.vulnerabilities("nvd"))?.recordCount == 25)
        let records = try VulnerabilityDatabase(path: database).records(id: "CVE-2023-27314")
        #expect(records.first?.namespace == "nvd:cpe")
        #expect(records.first?.cvss.contains { $0.vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" } == true)
        await server.shutdown()
    }

    @Test func alpineAndNativeAdvisoryDatabasesAreSynced() async throws {
        let server = try await FeedMirrorServer(feeds: Self.feeds, extra: [
            "https://github.com/rubysec/ruby-advisory-db/archive/refs/heads/master.tar.gz": Self.feeds + "/native/rubysec-ruby-advisory-db.tar.gz",
            "https://github.com/FriendsOfPHP/security-advisories/archive/refs/heads/master.tar.gz":
                Self.feeds + "/native/friendsofphp-security-advisories.tar.gz",
            "https://github.com/github/advisory-database/archive/refs/heads/main.tar.gz":
                Self.feeds + "/samples/github/vuls-data-update/ghsa-tarball/advisory-database-main.tar.gz",
        ])
        let directory = try TemporaryDirectory("hawser-sync")
        defer { directory.remove() }
        let database = directory.path + "/vulndb.sqlite"
        let report = await sync(server, database: database, sources: ["alpine-secdb", "rubysec", "friendsofphp", "ghsa"])
        #expect(report.failures.isEmpty, "\(report.failures)")
        // v3.2 has no community repository upstream: a note.
        #expect(report.diagnostics.contains { $0.contains("v3.2/community.json") && $0.contains("404") })
        let status = try #require(report.status)
        // main (2,573) and community (5,153) share the alpine:3.19 group.
        #expect(status.group(.vulnerabilities("alpine:3.19"))?.recordCount == 2573 + 5153)
        #expect(status.group(.vulnerabilities("rubysec"))?.recordCount == 1234)
        #expect(status.group(.vulnerabilities("friendsofphp"))?.recordCount == 1592)
        #expect((status.group(.vulnerabilities("ghsa"))?.recordCount ?? 0) > 0)
        let db = try VulnerabilityDatabase(path: database)
        #expect(try db.records(namespace: "alpine:3.19", packageName: "openssl").contains { $0.id == "CVE-2024-0727" && $0.fixedIn.contains("3.1.4-r5") })

        // A fresh download folder and community.json failing: alpine:3.19 is not rebuilt from main alone.
        server.override("/secdb.alpinelinux.org/v3.19/community.json", with: .init(status: 503))
        var partial = FeedSync(database: database, mirror: directory.path + "/other-feeds", sources: [try #require(FeedSources.named("alpine-secdb"))],
                               mirrorURL: server.url)
        partial.retryDelay = Self.retryDelay
        let broken = await partial.run()
        #expect(broken.failures.contains { $0.contains("v3.19/community.json") && $0.contains("503") }, "\(broken.failures)")
        #expect(broken.status?.group(.vulnerabilities("alpine:3.19"))?.recordCount == 2573 + 5153)
        await server.shutdown()
    }

    /// The CLI: `db sync` exits 1 naming what failed and keeps the data; `db build` over a broken
    /// mirror leaves the previous DB file untouched.
    @Test func cliReportsBrokenFeedsAndKeepsThePreviousDatabase() async throws {
        let server = try await FeedMirrorServer(feeds: Self.feeds)
        let directory = try TemporaryDirectory("hawser-sync")
        defer { directory.remove() }
        let database = directory.path + "/vulndb.sqlite"
        let synced = try CLITests.run(["db", "sync", "--source", "kev", "--db", database, "--mirror-url", server.url], environment: Self.fastRetries)
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stdout.contains("enrichment/kev: 1404 rows (updated)"), "\(synced.stdout)")
        server.override("/www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json", with: .init(status: 500))
        let failed = try CLITests.run(["db", "sync", "--source", "kev", "--db", database, "--mirror-url", server.url], environment: Self.fastRetries)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("hawser: error: kev: GET \(server.url)/www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json: HTTP 500"),
                "\(failed.stderr)")
        #expect(try VulnerabilityDatabase(path: database).status().kevCount == 1404)
        let unknown = try CLITests.run(["db", "sync", "--source", "nope", "--db", database])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown source 'nope'"))
        await server.shutdown()

        // db build: a mirror with a truncated all.zip and a malformed OVAL.
        let mirror = directory.path + "/mirror"
        try FileManager.default.createDirectory(atPath: mirror + "/osv/crates.io", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: mirror + "/debian/oval", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.feeds + "/osv/crates.io/all.zip", toPath: mirror + "/osv/crates.io/all.zip")
        let built = directory.path + "/built.sqlite"
        let good = try CLITests.run(["db", "build", "--from", mirror, "--db", built])
        #expect(good.status == 0, "\(good.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: built))
        let zip = try Data(contentsOf: URL(fileURLWithPath: mirror + "/osv/crates.io/all.zip"))
        try zip.prefix(zip.count / 3).write(to: URL(fileURLWithPath: mirror + "/osv/crates.io/all.zip"))
        let truncated = try CLITests.run(["db", "build", "--from", mirror, "--db", built])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("osv/crates.io/all.zip"), "\(truncated.stderr)")
        try FileManager.default.copyItem(atPath: Self.feeds + "/osv/crates.io/all.zip", toPath: mirror + "/osv/crates.io/all.zip.good")
        try FileManager.default.removeItem(atPath: mirror + "/osv/crates.io/all.zip")
        try FileManager.default.moveItem(atPath: mirror + "/osv/crates.io/all.zip.good", toPath: mirror + "/osv/crates.io/all.zip")
        try Data("<oval_definitions><definitions><definition id=\"oval:1\">".utf8).write(to: URL(fileURLWithPath: mirror + "/debian/oval/oval-definitions-bookworm.xml"))
        let malformed = try CLITests.run(["db", "build", "--from", mirror, "--db", built])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("oval-definitions-bookworm.xml") && malformed.stderr.contains("line"), "\(malformed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: built)) == before, "the previous DB file must be untouched")
    }

    static func osvDocument(_ ecosystem: String, _ id: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", feeds + "/osv/\(ecosystem)/all.zip", id + ".json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
