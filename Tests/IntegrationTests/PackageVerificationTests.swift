import Catalogers
import Crypto
import Engine
import Foundation
import ImageSource
import Model
import Policy
import Testing
import TestSupport

/// `packages.verify` and `files.content_regex_match` end to end: an image whose upper layer edits
/// and deletes files dpkg and apk installed, analysed with a content search, then evaluated.
struct PackageVerificationTests {
    static func md5(_ text: String) -> String { Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }
    static func apkSHA1(_ text: String) -> String { "Q1" + Data(Insecure.SHA1.hash(data: Data(text.utf8))).base64EncodedString() }

    func analyse() async throws -> SBOM {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var lower = TarBuilder()
        lower.file("var/lib/dpkg/status", "Package: hello\nStatus: install ok installed\nVersion: 2.10-3\nArchitecture: amd64\n\n")
        lower.file("var/lib/dpkg/info/hello:amd64.md5sums", """
            \(Self.md5("hello v1\n"))  usr/bin/hello
            \(Self.md5("readme\n"))  usr/share/doc/hello/README
            \(Self.md5("merged\n"))  bin/hello-merged
            \(Self.md5("kept\n"))  usr/share/hello/kept

            """)
        lower.file("usr/bin/hello", "hello v1\n", mode: 0o755)
        lower.file("usr/bin/hello-merged", "merged\n", mode: 0o755)
        lower.symlink("bin", to: "usr/bin")
        lower.file("usr/share/doc/hello/README", "readme\n")
        lower.file("usr/share/hello/kept", "kept\n")
        lower.file("lib/apk/db/installed", """
            P:musl
            V:1.2.4-r2
            F:lib
            R:ld-musl-x86_64.so.1
            Z:\(Self.apkSHA1("musl v1\n"))
            R:libc.musl-x86_64.so.1
            Z:\(Self.apkSHA1("ld-musl-x86_64.so.1"))
            F:etc
            R:motd
            Z:\(Self.apkSHA1("welcome\n"))

            """)
        lower.file("lib/ld-musl-x86_64.so.1", "musl v1\n", mode: 0o755)
        lower.symlink("lib/libc.musl-x86_64.so.1", to: "ld-musl-x86_64.so.1")
        lower.file("etc/motd", "welcome\n")
        lower.file("app/settings.ini", "[db]\nhost = db\npassword = hunter2\n")
        var upper = TarBuilder()
        upper.file("usr/bin/hello", "hello v1 patched\n", mode: 0o755)
        upper.file("usr/share/doc/hello/.wh.README", [])
        upper.file("etc/motd", "edited\n")
        try ImageLayoutBuilder().writeOCILayout([.init(layers: [.init(tar: lower.finished()), .init(tar: upper.finished())])], to: directory.path + "/layout")
        var options = AnalysisOptions()
        options.contentSearch = ["PASSWORD=password\\s*=", "TODO=TODO"]
        return try await Engine(sourceOptions: SourceOptions(cacheDirectory: directory.path + "/cache")).sbom("oci-dir:\(directory.path)/layout", options: options)
    }

    @Test func changedAndMissingPackageFilesAreFound() async throws {
        let sbom = try await analyse()
        let found = Set(try #require(sbom.packageVerification))
        #expect(found == [
            PackageFileProblem(package: "hello", path: "/usr/bin/hello", status: .changed),
            PackageFileProblem(package: "hello", path: "/usr/share/doc/hello/README", status: .missing),
            PackageFileProblem(package: "musl", path: "/etc/motd", status: .changed),
        ])
        let matches = try #require(sbom.contentMatches)
        #expect(matches.map(\.location.path) == ["/app/settings.ini"])
        #expect(matches.first?.name == "PASSWORD=password\\s*=")
        #expect(matches.first?.line == 3)
    }

    @Test func policyTriggersReadTheAnalysis() async throws {
        let sbom = try await analyse()
        let bundle = try BundleParser().parse(Data("""
            {"id": "b", "version": "1_0", "name": "verify", "whitelists": [], "mappings": [
              {"id": "m", "name": "all", "registry": "*", "repository": "*", "image": {"type": "tag", "value": "*"}, "policy_id": "p", "whitelist_ids": []}],
             "policies": [{"id": "p", "name": "p", "version": "1_0", "rules": [
               {"id": "r1", "gate": "packages", "trigger": "verify", "action": "STOP", "params": [{"name": "only_directories", "value": "/usr"}]},
               {"id": "r2", "gate": "files", "trigger": "content_regex_match", "action": "WARN", "params": [{"name": "regex_name", "value": "PASSWORD"}]}]}]}
            """.utf8))
        let input = PolicyInput(image: ImageIdentity(registry: "localhost", repository: "app", tag: "latest", digest: "sha256:" + String(repeating: "0", count: 64), imageID: ""),
                                sbom: sbom, matches: [], vulnerabilityDataSyncedAt: Date(), previousSBOM: nil, now: Date())
        let evaluation = PolicyEvaluator().evaluate(bundle, input: input)
        #expect(Set(evaluation.findings.map(\.message)) == [
            "VERIFY check against package db for package 'hello' failed on entry '/usr/bin/hello' with status: 'changed'",
            "VERIFY check against package db for package 'hello' failed on entry '/usr/share/doc/hello/README' with status: 'missing'",
            "File content analyzer found regexp match in container: file=/app/settings.ini regexp=PASSWORD=password\\s*=",
        ])
        #expect(evaluation.finalAction == .stop)
    }

    /// rpm: the real libuuid database of UBI 8 (BerkeleyDB). With none of its files in the image every
    /// one with a digest is `missing`; a file with other content is `changed`.
    @Test func rpmDatabaseDigests() async throws {
        // ../shared beside the repository, found from this file (CI clones with shared/ beside it).
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared")
        let database = try Data(contentsOf: shared.appendingPathComponent("fixtures/rpm/bdb-libuuid-ubi8/var/lib/rpm/Packages"))
        func verify(_ extra: [(String, String)]) async throws -> [PackageFileProblem] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            var layer = TarBuilder()
            layer.file("var/lib/rpm/Packages", [UInt8](database))
            for (path, content) in extra { layer.file(path, content) }
            try ImageLayoutBuilder().writeOCILayout([.init(layers: [.init(tar: layer.finished())])], to: directory.path + "/layout")
            let sbom = try await Engine(sourceOptions: SourceOptions(cacheDirectory: directory.path + "/cache")).sbom("oci-dir:\(directory.path)/layout")
            return try #require(sbom.packageVerification)
        }
        let bare = try await verify([])
        #expect(bare.count >= 2 && bare.allSatisfy { $0.package == "libuuid" && $0.status == .missing }, "\(bare)")
        let library = try #require(bare.first { $0.path.hasPrefix("/usr/lib64/libuuid.so.") })
        let edited = try await verify([(String(library.path.dropFirst()), "not the library\n")])
        #expect(edited.filter { $0.status == .changed }.map(\.path) == [library.path])
        #expect(edited.count == bare.count)
    }
}
