import Foundation
import Model
import Testing
import TestSupport
@testable import VulnDB

struct ProducerFailed: Error, Equatable {}

@Suite struct VulnDBBuilderTests {
    @Test func producerThrowingHalfwayLeavesTheOldFile() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Fixtures.buildSample(at: path)
        let before = try #require(Fixtures.bytes(path))
        let openBefore = try VulnerabilityDatabase(path: path)

        await #expect(throws: ProducerFailed()) {
            try await VulnDBBuilder.build(at: path) { builder in
                try builder.add(Fixtures.debianRecords(500, package: "curl"), to: Fixtures.debian)
                throw ProducerFailed()
            }
        }
        #expect(Fixtures.bytes(path) == before)
        #expect(dir.listing() == ["vulndb.sqlite", "vulndb.sqlite.lock"] || dir.listing() == ["vulndb.sqlite"])
        let db = try VulnerabilityDatabase(path: path)
        #expect(try db.records(namespace: "debian:12", packageName: "curl").isEmpty)
        #expect(try db.records(namespace: "debian:12", packageName: "openssl").count == 4)
        #expect(try openBefore.records(namespace: "pypi", packageName: "requests") == [Fixtures.storedFullRecord])
    }

    @Test func rejectedInputLeavesTheOldFile() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Fixtures.buildSample(at: path)
        let before = try #require(Fixtures.bytes(path))
        await #expect(throws: VulnDBError.buildRejected(path: path, reasons: ["osv:PyPI/all.zip: truncated zip"])) {
            try await VulnDBBuilder.build(at: path) { builder in
                try builder.add(Fixtures.debianRecords(10), to: Fixtures.debian)
                builder.reject("osv:PyPI/all.zip: truncated zip")
            }
        }
        #expect(Fixtures.bytes(path) == before)
        #expect(!dir.listing().contains { $0.hasSuffix(".tmp") })
    }

    @Test func cancelledBuildLeavesNoFile() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        let task = Task {
            try await VulnDBBuilder.build(at: path) { builder in
                try builder.add(Fixtures.debianRecords(10), to: Fixtures.debian)
                withUnsafeCurrentTask { $0?.cancel() }
            }
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!dir.listing().contains { $0.hasSuffix(".tmp") })
    }

    @Test func firstBuildCreatesTheDirectoryAndSkipsBadRecords() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/a/b/vulndb.sqlite"
        var bad = Fixtures.minimalRecord
        bad.packageName = ""
        let report = try await VulnDBBuilder.build(at: path) { builder in
            try builder.add([Fixtures.minimalRecord, bad], to: Fixtures.debian)
        }
        #expect(report.diagnostics == [VulnDBDiagnostic(group: Fixtures.debian, recordID: "CVE-2023-0286", message: "record has no package name")])
        #expect(report.status.recordCount == 1)
        #expect(report.status.path == path)
    }

    @Test func manualBuilderDiscardAndReuse() throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        let builder = try VulnDBBuilder(target: path)
        try builder.add([Fixtures.minimalRecord], to: Fixtures.debian)
        #expect(FileManager.default.fileExists(atPath: builder.temporaryPath))
        builder.discard()
        #expect(!FileManager.default.fileExists(atPath: builder.temporaryPath))
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: VulnDBError.builderClosed(path: path)) { try builder.commit() }
    }

    @Test func replaceGroupLeavesOtherGroups() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Fixtures.buildSample(at: path)
        let reader = try VulnerabilityDatabase(path: path)
        let newSync = GroupSync(lastSync: Fixtures.syncDate.addingTimeInterval(86_400), checksum: "sha256:debian-2")
        let newRecords = Fixtures.debianRecords(2, package: "curl")
        let report = try VulnerabilityDatabase.replace(group: Fixtures.debian, records: newRecords, sync: newSync, at: path)

        // An already open reader sees the new group at its next query.
        #expect(try reader.records(namespace: "debian:12", packageName: "openssl").isEmpty)
        // The debian group was synced before: fixes it had not seen date from this sync.
        #expect(try reader.records(namespace: "debian:12", packageName: "curl") == newRecords.map { Fixtures.stored($0, fixObserved: "2024-05-02T10:00:00Z") })
        #expect(try reader.records(namespace: "pypi", packageName: "requests") == [Fixtures.storedFullRecord])
        #expect(try reader.enrichment(for: ["GHSA-j8r2-6x86-q33q"]).knownExploited)
        let status = report.status
        #expect(status.group(Fixtures.debian) == FeedGroupStatus(group: Fixtures.debian, lastSync: newSync.lastSync, recordCount: 2, checksum: "sha256:debian-2"))
        #expect(status.group(Fixtures.python)?.recordCount == 1)
        #expect(status.group(Fixtures.python)?.checksum == "sha256:python")
        #expect(status.recordCount == 3)

        // KEV replaced on its own; aliases of the python group still work.
        try VulnerabilityDatabase.replace(group: .kev, with: .kev([]), sync: newSync, at: path)
        #expect(try reader.enrichment(for: ["GHSA-j8r2-6x86-q33q"]) == Enrichment(knownExploited: false, epssScore: 0.0123, epssPercentile: 0.85))

        // Replacing a group's aliases too: the python group's alias rows go with its records.
        try VulnerabilityDatabase.replace(group: Fixtures.python, records: [], sync: newSync, at: path)
        #expect(try reader.aliases(of: "GHSA-j8r2-6x86-q33q").isEmpty)
        #expect(try reader.status().group(Fixtures.python)?.recordCount == 0)

        try VulnerabilityDatabase.removeGroup(Fixtures.python, at: path)
        #expect(try reader.status().group(Fixtures.python) == nil)
    }

    @Test func replaceCreatesAMissingDatabase() throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/new/vulndb.sqlite"
        let report = try VulnerabilityDatabase.replace(group: Fixtures.python, records: [Fixtures.fullRecord],
                                                       sync: GroupSync(lastSync: Fixtures.syncDate), at: path)
        #expect(report.status.schemaVersion == VulnDBSchema.version)
        #expect(try VulnerabilityDatabase(path: path).records(namespace: "pypi", packageName: "requests") == [Fixtures.storedFullRecord])
    }

    /// A fix keeps the date it was first seen through group replacements and full rebuilds;
    /// `max_days_since_fix` counts from it.
    @Test func fixObservationsOutliveReplacementsAndRebuilds() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let path = dir.path + "/vulndb.sqlite"
        try await Fixtures.buildSample(at: path)
        let day2 = GroupSync(lastSync: Fixtures.syncDate.addingTimeInterval(86_400))
        let day3 = Fixtures.syncDate.addingTimeInterval(2 * 86_400)

        // The same three fixes plus a fourth: the first three keep day 1, the new one is dated day 2.
        try VulnerabilityDatabase.replace(group: Fixtures.debian, records: Fixtures.debianRecords(4), sync: day2, at: path)
        #expect(try VulnerabilityDatabase(path: path).records(namespace: "debian:12", packageName: "openssl")
            == Fixtures.storedDebianRecords(3) + [Fixtures.stored(Fixtures.debianRecords(4)[3], fixObserved: "2024-05-02T10:00:00Z")])

        // A fix that moves to another version is a new fix.
        var moved = Fixtures.debianRecords(1)[0]
        moved.fixedIn = ["3.0.99-1"]
        try VulnerabilityDatabase.replace(group: Fixtures.debian, records: [moved], sync: GroupSync(lastSync: day3), at: path)
        #expect(try VulnerabilityDatabase(path: path).records(namespace: "debian:12", packageName: "openssl")
            == [Fixtures.stored(moved, fixObserved: "2024-05-03T10:00:00Z")])

        // A full rebuild carries what the old file knew; a group it had synced dates new fixes from the rebuild.
        try await VulnDBBuilder.build(at: path, now: { day3.addingTimeInterval(86_400) }) { builder in
            try builder.add(Fixtures.debianRecords(5), to: Fixtures.debian)
            try builder.add([Fixtures.fullRecord], to: Fixtures.python)
        }
        #expect(try VulnerabilityDatabase(path: path).records(namespace: "debian:12", packageName: "openssl")
            == Fixtures.storedDebianRecords(3) + [Fixtures.stored(Fixtures.debianRecords(4)[3], fixObserved: "2024-05-02T10:00:00Z"),
                                                  Fixtures.stored(Fixtures.debianRecords(5)[4], fixObserved: "2024-05-04T10:00:00Z")])
        #expect(try VulnerabilityDatabase(path: path).records(namespace: "pypi", packageName: "requests") == [Fixtures.storedFullRecord])
    }
}
