import Model
import Testing

@Suite("ImageReference(parsing:)")
struct ImageReferenceTests {
    static let hex64 = String(repeating: "0123456789abcdef", count: 4)

    struct Valid: Sendable, CustomTestStringConvertible {
        var input: String
        var registry: String
        var repository: String
        var tag: String?
        var digest: String?
        var description: String
        var manifestReference: String
        var testDescription: String { input }
    }

    static let valid: [Valid] = [
        Valid(input: "alpine", registry: "docker.io", repository: "library/alpine", tag: "latest", digest: nil,
              description: "docker.io/library/alpine:latest", manifestReference: "latest"),
        Valid(input: "user/app:1.0", registry: "docker.io", repository: "user/app", tag: "1.0", digest: nil,
              description: "docker.io/user/app:1.0", manifestReference: "1.0"),
        Valid(input: "ghcr.io/a/b@sha256:\(hex64)", registry: "ghcr.io", repository: "a/b", tag: nil, digest: "sha256:\(hex64)",
              description: "ghcr.io/a/b@sha256:\(hex64)", manifestReference: "sha256:\(hex64)"),
        Valid(input: "localhost:5000/x", registry: "localhost:5000", repository: "x", tag: "latest", digest: nil,
              description: "localhost:5000/x:latest", manifestReference: "latest"),
        Valid(input: "localhost/x/y:dev", registry: "localhost", repository: "x/y", tag: "dev", digest: nil,
              description: "localhost/x/y:dev", manifestReference: "dev"),
        Valid(input: "127.0.0.1:5055/fixture/app:multi", registry: "127.0.0.1:5055", repository: "fixture/app", tag: "multi", digest: nil,
              description: "127.0.0.1:5055/fixture/app:multi", manifestReference: "multi"),
        Valid(input: "index.docker.io/library/nginx", registry: "docker.io", repository: "library/nginx", tag: "latest", digest: nil,
              description: "docker.io/library/nginx:latest", manifestReference: "latest"),
        Valid(input: "registry-1.docker.io/nginx:1.27", registry: "docker.io", repository: "library/nginx", tag: "1.27", digest: nil,
              description: "docker.io/library/nginx:1.27", manifestReference: "1.27"),
        Valid(input: "docker.io/redis:7.2@sha256:\(hex64)", registry: "docker.io", repository: "library/redis", tag: "7.2",
              digest: "sha256:\(hex64)", description: "docker.io/library/redis:7.2@sha256:\(hex64)", manifestReference: "sha256:\(hex64)"),
        Valid(input: "quay.io/org/sub/deep-name__x.y:V1_2-rc.3", registry: "quay.io", repository: "org/sub/deep-name__x.y", tag: "V1_2-rc.3",
              digest: nil, description: "quay.io/org/sub/deep-name__x.y:V1_2-rc.3", manifestReference: "V1_2-rc.3"),
        // Like Docker, an uppercase first component before a '/' is taken as a registry host.
        Valid(input: "Example/app", registry: "Example", repository: "app", tag: "latest", digest: nil,
              description: "Example/app:latest", manifestReference: "latest"),
    ]

    @Test(arguments: valid)
    func parsesAndNormalises(_ expected: Valid) throws {
        let reference = try ImageReference(parsing: expected.input)
        #expect(reference.registry == expected.registry)
        #expect(reference.repository == expected.repository)
        #expect(reference.tag == expected.tag)
        #expect(reference.digest?.description == expected.digest)
        #expect(reference.description == expected.description)
        #expect(reference.name == "\(expected.registry)/\(expected.repository)")
        #expect(reference.manifestReference == expected.manifestReference)
    }

    @Test(arguments: valid)
    func descriptionParsesBackToTheSameReference(_ expected: Valid) throws {
        let reference = try ImageReference(parsing: expected.input)
        #expect(try ImageReference(parsing: reference.description) == reference)
    }

    @Test(arguments: [
        "", "UPPER", "a//b", "a/b/", "/a", "a:bad tag", " alpine", "a@sha256:short", "a@sha256:\(hex64.uppercased())",
        "a@md5:\(hex64)", "-leading", "trailing-", "a___b", "a.-b", "a:", "a:-tag", "a:.tag", "a:\(String(repeating: "t", count: 129))",
        "docker.io/", "ghcr.io/Owner/app", "a/b:c/d",
    ])
    func rejectsInvalidReference(_ input: String) {
        #expect(throws: ModelError.self) { try ImageReference(parsing: input) }
    }

    @Test func tagOfMaximumLengthIsAccepted() throws {
        let tag = String(repeating: "t", count: 128)
        #expect(try ImageReference(parsing: "a:\(tag)").tag == tag)
    }

    @Test func invalidRepositoryErrorNamesTheInput() {
        let error = #expect(throws: ModelError.self) { try ImageReference(parsing: "UPPER") }
        guard case .invalidReference(let text, _)? = error else {
            Issue.record("expected .invalidReference, got \(String(describing: error))")
            return
        }
        #expect(text == "UPPER")
    }

    @Test func pinnedKeepsTagAndAsksForTheDigest() throws {
        let digest = try Digest(parsing: "sha256:\(Self.hex64)")
        let pinned = try ImageReference(parsing: "alpine:3.20").pinned(to: digest)
        #expect(pinned.tag == "3.20")
        #expect(pinned.digest == digest)
        #expect(pinned.manifestReference == digest.description)
        #expect(pinned.description == "docker.io/library/alpine:3.20@\(digest)")
    }
}
