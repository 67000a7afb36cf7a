import Foundation
import Model
import Testing
import TestSupport

/// The `hawser` executable, run as a user runs it: arguments in, JSON or an error message out.
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary `swift build` put beside the test bundle.
    static var executable: String {
        let bundleDirectory = Bundle.main.bundleURL.path.hasSuffix(".xctest")
            ? Bundle.main.bundleURL.deletingLastPathComponent().path
            : URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        return bundleDirectory + "/hawser"
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting: a full pipe would block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    struct FileRow: Decodable {
        var path: String
        var type: String
        var mode: Int
        var uid: Int
        var gid: Int
        var size: Int64
        var linkTarget: String?
        var layer: String?
    }

    @Test func filesJSONListsEveryEntryWithItsLayer() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var lower = TarBuilder()
        lower.directory("etc/")
        lower.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        lower.file("etc/gone", "deleted above\n")
        lower.file("usr/bin/tool", "#!/bin/sh\n", mode: 0o4755, uid: 0, gid: 0)
        var upper = TarBuilder()
        upper.file("etc/.wh.gone", [])
        upper.symlink("bin", to: "usr/bin")
        upper.file("home/user/notes \"quoted\".txt", "x", uid: 1000, gid: 1000)
        let written = try ImageLayoutBuilder().writeOCILayout([.init(layers: [.init(tar: lower.finished()), .init(tar: upper.finished(), compression: .zstd)])],
                                                              to: directory.path + "/layout")
        let run = try Self.run(["files", "oci-dir:\(directory.path)/layout", "-o", "json", "--cache-dir", directory.path + "/cache"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try JSONDecoder().decode([FileRow].self, from: Data(run.stdout.utf8))
        let byPath = Dictionary(rows.map { ($0.path, $0) }, uniquingKeysWith: { $1 })
        #expect(byPath["/etc/gone"] == nil)
        #expect(byPath["/etc/passwd"]?.type == "RegularFile")
        #expect(byPath["/etc/passwd"]?.layer == written.diffIDs[0][0].description)
        #expect(byPath["/usr/bin/tool"]?.mode == 4755)
        #expect(byPath["/bin"]?.type == "SymbolicLink")
        #expect(byPath["/bin"]?.linkTarget == "usr/bin")
        #expect(byPath["/bin"]?.layer == written.diffIDs[0][1].description)
        #expect(byPath["/home/user/notes \"quoted\".txt"]?.uid == 1000)
        // Every line between the brackets is one object.
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == rows.count + 2)

        let allLayers = try Self.run(["files", "oci-dir:\(directory.path)/layout", "--scope", "all-layers", "-o", "json"])
        let all = try JSONDecoder().decode([FileRow].self, from: Data(allLayers.stdout.utf8))
        #expect(all.contains { $0.path == "/etc/gone" && $0.layer == written.diffIDs[0][0].description })
    }

    @Test func sbomOfADirectoryWithACustomSecretPattern() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("root/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        try directory.write("root/srv/app/settings.ini", "[auth]\ntoken = itk_0123456789abcdef\n")
        try directory.write("root/srv/app/requirements.txt", "requests==2.19.1\n")
        let run = try Self.run(["sbom", "dir:\(directory.path)/root", "-o", "hawser-json", "--secret-pattern", "internal-token=itk_[0-9a-f]{16}",
                                "--cache-dir", directory.path + "/cache"])
        #expect(run.status == 0, "\(run.stderr)")
        let sbom = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let secrets = try #require(sbom["secrets"] as? [[String: Any]])
        #expect(secrets.contains { $0["name"] as? String == "internal-token" && $0["line"] as? Int == 2 })
        #expect(!run.stdout.contains("itk_0123456789abcdef"))
        let retrieved = try #require(sbom["retrievedFiles"] as? [[String: Any]])
        #expect((retrieved.first?["location"] as? [String: Any])?["path"] as? String == "/etc/passwd")
        // A directory is cataloged by its lock files too (requirements.txt), unlike an image.
        let packages = try #require(sbom["packages"] as? [[String: Any]])
        #expect(packages.contains { $0["name"] as? String == "requests" && $0["version"] as? String == "2.19.1" })

        let bad = try Self.run(["sbom", "dir:\(directory.path)/root", "--secret-pattern", "nameonly"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("NAME=REGEX"))
    }

    @Test func errorsAreOneClearLineAndExitCodeOne() throws {
        let missing = try Self.run(["files", "oci-dir:/nonexistent/layout"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("hawser: error: no such file or directory: /nonexistent/layout"))
        #expect(missing.stdout.isEmpty)

        let badReference = try Self.run(["inspect", "registry:Not A Reference"])
        #expect(badReference.status == 1)
        #expect(badReference.stderr.contains("invalid"))

        let badPlatform = try Self.run(["files", "dir:/tmp", "--platform", "linux//"])
        #expect(badPlatform.status != 0)
        #expect(badPlatform.stderr.contains("invalid platform"))
    }

    @Test(.enabled(if: TestEnvironment.registryAvailable))
    func registryPullThroughTheCLIWithEnvironmentCredentials() throws {
        let registry = try TestEnvironment.value("HAWSER_TEST_REGISTRY")
        let cache = try TemporaryDirectory()
        defer { cache.remove() }
        let environment = ["HAWSER_REGISTRY_AUTH_AUTHORITY": registry, "HAWSER_REGISTRY_AUTH_USERNAME": TestEnvironment.username,
                           "HAWSER_REGISTRY_AUTH_PASSWORD": TestEnvironment.password, "HAWSER_REGISTRY_INSECURE_USE_HTTP": "true",
                           "HAWSER_CACHE_DIR": cache.path]
        let run = try Self.run(["inspect", "\(registry)/fixture/app:latest", "-o", "json"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        struct Inspection: Decodable { var digest: String?; var layers: [[String: AnyCodable]] }
        struct AnyCodable: Decodable { init(from decoder: any Decoder) throws {} }
        let inspection = try JSONDecoder().decode(Inspection.self, from: Data(run.stdout.utf8))
        #expect(inspection.layers.count == 6)
        #expect(inspection.digest?.hasPrefix("sha256:") == true)

        var wrong = environment
        wrong["HAWSER_REGISTRY_AUTH_PASSWORD"] = "nope"
        let refused = try Self.run(["files", "\(registry)/fixture/app:latest"], environment: wrong)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("401"))
    }
}
