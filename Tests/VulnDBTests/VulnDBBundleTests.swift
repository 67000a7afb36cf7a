import Foundation
import GRDB
import Model
import Testing
import TestSupport
@testable import VulnDB

@Suite struct VulnDBBundleTests {
    @Test func exportImportRoundTrip() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let source = dir.path + "/online/vulndb.sqlite"
        try await Fixtures.buildSample(at: source)
        let bundle = dir.path + "/transfer/vulndb-bundle.tar"
        let manifest = try VulnerabilityDatabase(path: source).export(to: bundle)
        #expect(manifest.schemaVersion == VulnDBSchema.version)
        #expect(manifest.database.sha256.hasPrefix("sha256:"))
        #expect(try VulnerabilityDatabase.bundleManifest(at: bundle) == manifest)

        let target = dir.path + "/airgap/vulndb.sqlite"
        let status = try VulnerabilityDatabase.importBundle(from: bundle, to: target)
        let imported = try VulnerabilityDatabase(path: target)
        #expect(try imported.records(namespace: "pypi", packageName: "requests") == [Fixtures.storedFullRecord])
        #expect(try imported.enrichment(for: ["GHSA-j8r2-6x86-q33q"]).knownExploited)
        #expect(status.groups == (try VulnerabilityDatabase(path: source).status().groups))
        #expect(status.groups == manifest.groups)
    }

    @Test func bundleIsAPlainTar() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let source = dir.path + "/vulndb.sqlite"
        try await Fixtures.buildSample(at: source)
        let bundle = dir.path + "/bundle.tar"
        try VulnerabilityDatabase(path: source).export(to: bundle)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = ["-tf", bundle]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(listing == "manifest.json\nvulndb.sqlite\n")
    }

    @Test(arguments: ["flip-db-byte", "truncate", "garbage", "wrong-size"])
    func corruptBundleIsRefusedAndOldDBKept(damage: String) async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let source = dir.path + "/source.sqlite"
        try await Fixtures.buildSample(at: source, debianCount: 50)
        let bundle = dir.path + "/bundle.tar"
        try VulnerabilityDatabase(path: source).export(to: bundle)
        var bytes = try #require(Fixtures.bytes(bundle))
        switch damage {
        case "flip-db-byte": bytes[bytes.count - 1024 - 600] ^= 0xFF  // inside vulndb.sqlite's content
        case "truncate": bytes = bytes.prefix(bytes.count / 2)
        case "wrong-size":  // edit the manifest's declared size (same length), keeping the tar header valid
            let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
            let range = try #require(text.range(of: #""size" : \d"#, options: .regularExpression))
            let index = text.utf8.distance(from: text.startIndex, to: range.upperBound) - 1
            bytes[index] = bytes[index] == UInt8(ascii: "9") ? UInt8(ascii: "8") : bytes[index] + 1
        default: bytes = Data(repeating: 0x41, count: 4096)
        }
        try bytes.write(to: URL(fileURLWithPath: bundle))

        let target = dir.path + "/installed/vulndb.sqlite"
        try await Fixtures.buildSample(at: target, debianCount: 1)
        let before = try #require(Fixtures.bytes(target))
        #expect(throws: VulnDBError.self) { try VulnerabilityDatabase.importBundle(from: bundle, to: target) }
        #expect(Fixtures.bytes(target) == before)
        #expect(!((try? FileManager.default.subpathsOfDirectory(atPath: dir.path + "/installed")) ?? []).contains { $0.hasSuffix(".tmp") })
        #expect(try VulnerabilityDatabase(path: target).records(namespace: "debian:12", packageName: "openssl").count == 2)
    }

    @Test func flippedByteIsAChecksumMismatch() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        let source = dir.path + "/source.sqlite"
        try await Fixtures.buildSample(at: source)
        let bundle = dir.path + "/bundle.tar"
        let manifest = try VulnerabilityDatabase(path: source).export(to: bundle)
        var bytes = try #require(Fixtures.bytes(bundle))
        bytes[bytes.count - 1024 - 600] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: bundle))
        #expect { try VulnerabilityDatabase.importBundle(from: bundle, to: dir.path + "/t.sqlite") } throws: { error in
            guard case .checksumMismatch(let path, let expected, _) = error as? VulnDBError else { return false }
            return path == bundle && expected == manifest.database.sha256
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/t.sqlite"))
    }

    @Test func schemaVersionMismatchIsRefused() async throws {
        let dir = try TemporaryDirectory("vulndb")
        defer { dir.remove() }
        // A bundle whose manifest declares another schema version (written by hand: this Hawser cannot produce one).
        let future = dir.path + "/future.sqlite"
        try await Fixtures.buildSample(at: future)
        try Fixtures.execute("PRAGMA user_version = \(VulnDBSchema.version + 1)", at: future)
        let manifest = VulnDBBundleManifest(schemaVersion: VulnDBSchema.version + 1, createdAt: Fixtures.syncDate,
                                            database: .init(name: "vulndb.sqlite", size: VulnDBFiles.size(of: future), sha256: try VulnDBFiles.sha256(of: future)),
                                            groups: [])
        let bundle = dir.path + "/future.tar"
        var tar = try TarWriter(path: bundle)
        try tar.append(name: "manifest.json", bytes: try VulnDBBundleManifest.encoder.encode(manifest), modified: Fixtures.syncDate)
        try tar.append(name: "vulndb.sqlite", copying: future, modified: Fixtures.syncDate)
        try tar.finish()

        let target = dir.path + "/vulndb.sqlite"
        try await Fixtures.buildSample(at: target)
        let before = Fixtures.bytes(target)
        let expected = VulnDBError.schemaVersionMismatch(path: bundle, found: VulnDBSchema.version + 1, expected: VulnDBSchema.version)
        #expect(throws: expected) { try VulnerabilityDatabase.importBundle(from: bundle, to: target) }
        #expect(throws: expected) { try VulnerabilityDatabase.bundleManifest(at: bundle) }
        #expect(Fixtures.bytes(target) == before)

        // A manifest that lies about the version inside is caught when the file itself is opened.
        var lying = manifest
        lying.schemaVersion = VulnDBSchema.version
        let lyingBundle = dir.path + "/lying.tar"
        var tar2 = try TarWriter(path: lyingBundle)
        try tar2.append(name: "manifest.json", bytes: try VulnDBBundleManifest.encoder.encode(lying), modified: Fixtures.syncDate)
        try tar2.append(name: "vulndb.sqlite", copying: future, modified: Fixtures.syncDate)
        try tar2.finish()
        #expect(throws: VulnDBError.schemaVersionMismatch(path: lyingBundle, found: VulnDBSchema.version + 1, expected: VulnDBSchema.version)) {
            try VulnerabilityDatabase.importBundle(from: lyingBundle, to: target)
        }
        #expect(Fixtures.bytes(target) == before)
    }
}
