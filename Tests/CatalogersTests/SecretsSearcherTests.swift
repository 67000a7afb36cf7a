import Catalogers
import Foundation
import LayerFS
import Model
import Testing
import TestSupport

/// Secret search reports where, never what.
struct SecretsSearcherTests {
    static let awsKey = "AKIAIOSFODNN7EXAMPLE"
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    func tree(_ files: [String: String]) throws -> (TemporaryDirectory, TreeResolver) {
        let directory = try TemporaryDirectory()
        for (path, text) in files { try directory.write(path, text) }
        return (directory, try DirectoryTree.read(root: directory.path))
    }

    @Test func defaultPatternsFindKeysWithPositionsOnly() throws {
        let (directory, resolver) = try tree([
            "app/settings.py": "DEBUG = True\nAWS_KEY = '\(Self.awsKey)'\n",
            "root/.aws/credentials": "[default]\naws_secret_access_key = \(Self.awsSecret)\n",
            "etc/ssl/private/server.key": "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n",
            "root/.docker/config.json": "{\n  \"auths\": {\n    \"registry.example\": {\n      \"auth\": \"dXNlcjpwYXNzd29yZA==\"\n    }\n  }\n}\n",
            "app/clean.txt": "nothing to see; an api without a key\n",
        ])
        defer { directory.remove() }
        let result = SecretsSearcher().search(resolver)
        let byName = Dictionary(grouping: result.findings, by: \.name)
        let aws = try #require(byName["aws-access-key"]?.first)
        #expect(aws.location.path == "/app/settings.py")
        #expect(aws.line == 2)
        #expect(aws.offset == "DEBUG = True\nAWS_KEY = '".utf8.count)
        #expect(aws.length == Self.awsKey.utf8.count)
        #expect(byName["aws-secret-key"]?.first?.location.path == "/root/.aws/credentials")
        #expect(byName["private-key"]?.first?.location.path == "/etc/ssl/private/server.key")
        #expect(byName["private-key"]?.first?.line == 1)
        #expect(byName["docker-auth"]?.first?.location.path == "/root/.docker/config.json")
        #expect(!result.findings.contains { $0.location.path == "/app/clean.txt" })
        // The findings, encoded, carry no secret text.
        let encoded = String(decoding: try JSONEncoder().encode(result.findings), as: UTF8.self)
        #expect(!encoded.contains(Self.awsKey))
        #expect(!encoded.contains(Self.awsSecret))
        #expect(!encoded.contains("dXNlcjpwYXNzd29yZA"))
    }

    @Test func largeAndBinaryFilesAreSkippedAndBadPatternsReported() throws {
        let (directory, resolver) = try tree([
            "big.txt": String(repeating: "x", count: 2048) + Self.awsKey,
            "small.txt": Self.awsKey,
        ])
        defer { directory.remove() }
        try directory.write("binary.bin", [0x00, 0x01] + Array(Self.awsKey.utf8))
        let resolverWithBinary = try DirectoryTree.read(root: directory.path)
        let limited = SecretsSearcher(maxFileSize: 1024).search(resolverWithBinary)
        #expect(limited.findings.map(\.location.path) == ["/small.txt"])
        _ = resolver

        let custom = SecretsSearcher(patterns: [SecretPattern(name: "broken", expression: "([", literals: ["x"]),
                                                SecretPattern(name: "token", expression: "tok_[a-z]{4}", literals: ["tok_"])])
        let customResult = custom.search(try tree(["a.txt": "id tok_abcd"]).1)
        #expect(customResult.findings.map(\.name) == ["token"])
        #expect(customResult.diagnostics.contains { $0.path == "broken" && $0.message.contains("invalid pattern") })
    }

    @Test func dockerfileIsReconstructedFromHistory() throws {
        let configuration = ImageConfiguration(history: [
            HistoryEntry(createdBy: "/bin/sh -c #(nop) ADD file:abc in / "),
            HistoryEntry(createdBy: "/bin/sh -c apt-get update && apt-get install -y curl"),
            HistoryEntry(createdBy: "/bin/sh -c #(nop)  CMD [\"bash\"]", emptyLayer: true),
            HistoryEntry(createdBy: "ENV APP=1"),
        ])
        let dockerfile = try #require(DockerfileGuesser.guess(configuration))
        #expect(dockerfile.guessed)
        #expect(dockerfile.text == "FROM scratch\nADD file:abc in /\nRUN apt-get update && apt-get install -y curl\nCMD [\"bash\"]\nENV APP=1\n")
        #expect(DockerfileGuesser.guess(ImageConfiguration()) == nil)
    }

    @Test func fileRecordsCarryDigestsUnderTheLimit() async throws {
        let (directory, resolver) = try tree(["a.txt": "abc", "big.bin": String(repeating: "z", count: 100)])
        defer { directory.remove() }
        let (files, diagnostics) = await FileRecordCataloger(digestSizeLimit: 10).catalog(resolver)
        #expect(diagnostics.isEmpty)
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.location.path, $0) })
        #expect(byPath["/a.txt"]?.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(byPath["/big.bin"]?.sha256 == nil)
        #expect(byPath["/big.bin"]?.size == 100)
    }
}

/// A user's pattern has no literal hints: it still searches every text file.
struct CustomSecretPatternTests {
    @Test func patternWithoutHintsSearchesWholeFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("etc/app.conf", "name = demo\ninternal_token: itk_0123456789abcdef\n")
        let pattern = SecretPattern(name: "internal-token", expression: "itk_[0-9a-f]{16}", literals: [])
        let result = SecretsSearcher(patterns: [pattern]).search(try DirectoryTree.read(root: directory.path))
        #expect(result.findings.count == 1)
        #expect(result.findings.first?.line == 2)
        #expect(result.findings.first?.length == 20)
    }
}
