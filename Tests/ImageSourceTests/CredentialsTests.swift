import Foundation
@testable import ImageSource
import TestSupport
import Testing

/// Where registry credentials come from: `HAWSER_REGISTRY_AUTH_*` and Docker's config.json.
@Suite struct CredentialsTests {
    // MARK: - Environment

    @Test func environmentWithoutAuthorityAppliesToEveryRegistry() {
        let credentials = EnvironmentCredentials(environment: [
            "HAWSER_REGISTRY_AUTH_USERNAME": "user",
            "HAWSER_REGISTRY_AUTH_PASSWORD": "secret",
        ])
        for host in ["docker.io", "ghcr.io", "127.0.0.1:5000"] {
            #expect(credentials.credential(for: host) == .basic(username: "user", password: "secret"), "\(host)")
        }
    }

    @Test func environmentWithAuthorityAppliesOnlyToThatRegistry() {
        let credentials = EnvironmentCredentials(environment: [
            "HAWSER_REGISTRY_AUTH_AUTHORITY": "ghcr.io",
            "HAWSER_REGISTRY_AUTH_USERNAME": "user",
            "HAWSER_REGISTRY_AUTH_PASSWORD": "secret",
        ])
        #expect(credentials.credential(for: "ghcr.io") == .basic(username: "user", password: "secret"))
        #expect(credentials.credential(for: "https://ghcr.io/v2/") == .basic(username: "user", password: "secret"))
        #expect(credentials.credential(for: "docker.io") == nil)
    }

    @Test func environmentAuthorityUsesDockerHubAliases() {
        let credentials = EnvironmentCredentials(environment: [
            "HAWSER_REGISTRY_AUTH_AUTHORITY": "index.docker.io",
            "HAWSER_REGISTRY_AUTH_TOKEN": "tkn",
        ])
        #expect(credentials.credential(for: "docker.io") == .bearer(token: "tkn"))
        #expect(credentials.credential(for: "registry-1.docker.io") == .bearer(token: "tkn"))
        #expect(credentials.credential(for: "quay.io") == nil)
    }

    @Test func environmentTokenWinsAndIncompleteOrEmptyValuesGiveNothing() {
        let both = EnvironmentCredentials(environment: [
            "HAWSER_REGISTRY_AUTH_USERNAME": "user", "HAWSER_REGISTRY_AUTH_PASSWORD": "secret", "HAWSER_REGISTRY_AUTH_TOKEN": "tkn",
        ])
        #expect(both.credential(for: "docker.io") == .bearer(token: "tkn"))
        #expect(EnvironmentCredentials(environment: ["HAWSER_REGISTRY_AUTH_USERNAME": "user"]).credential(for: "docker.io") == nil)
        #expect(EnvironmentCredentials(environment: [:]).credential(for: "docker.io") == nil)
        let empty = EnvironmentCredentials(environment: [
            "HAWSER_REGISTRY_AUTH_AUTHORITY": "", "HAWSER_REGISTRY_AUTH_USERNAME": "user",
            "HAWSER_REGISTRY_AUTH_PASSWORD": "secret", "HAWSER_REGISTRY_AUTH_TOKEN": "",
        ])
        #expect(empty.authority == nil)
        #expect(empty.credential(for: "anything.example") == .basic(username: "user", password: "secret"))
    }

    // MARK: - Docker config.json

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static let config = """
    {
      "auths": {
        "https://index.docker.io/v1/": { "auth": "\(base64("hubuser:hubpass"))" },
        "ghcr.io": { "username": "ghuser", "password": "ghpass" },
        "registry.example.com:5000": { "auth": "\(base64("robot:pa:ss:word"))" },
        "http://plain.example": { "auth": "\(base64("plain:pw"))", "email": "ignored@example.com" }
      }
    }
    """

    func dockerConfig(_ json: String = config) throws -> (DockerConfigCredentials, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        try directory.write("docker/config.json", json)
        return (DockerConfigCredentials(environment: ["DOCKER_CONFIG": directory.path + "/docker", "HOME": directory.path + "/home"]), directory)
    }

    @Test func dockerHubIndexKeyServesDockerIO() throws {
        let (credentials, directory) = try dockerConfig()
        defer { directory.remove() }
        let hub = RegistryCredential.basic(username: "hubuser", password: "hubpass")
        #expect(credentials.credential(for: "docker.io") == hub)
        #expect(credentials.credential(for: "registry-1.docker.io") == hub)
        #expect(credentials.credential(for: "index.docker.io") == hub)
    }

    @Test func authsGiveBasicCredentials() throws {
        let (credentials, directory) = try dockerConfig()
        defer { directory.remove() }
        #expect(credentials.credential(for: "ghcr.io") == .basic(username: "ghuser", password: "ghpass"))
        // Only the first ':' of the decoded auth separates user and password.
        #expect(credentials.credential(for: "registry.example.com:5000") == .basic(username: "robot", password: "pa:ss:word"))
        #expect(credentials.credential(for: "plain.example") == .basic(username: "plain", password: "pw"))
        #expect(credentials.credential(for: "registry.example.com") == nil, "the port is part of the authority")
        #expect(credentials.credential(for: "quay.io") == nil)
    }

    @Test func configIsFoundUnderHomeWithoutDockerConfig() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("home/.docker/config.json", #"{"auths":{"ghcr.io":{"auth":"\#(Self.base64("a:b"))"}}}"#)
        let credentials = DockerConfigCredentials(environment: ["HOME": directory.path + "/home"])
        #expect(credentials.credential(for: "ghcr.io") == .basic(username: "a", password: "b"))
    }

    @Test func missingOrUnreadableConfigGivesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = DockerConfigCredentials(environment: ["DOCKER_CONFIG": directory.path + "/none", "HOME": directory.path])
        #expect(missing.credential(for: "docker.io") == nil)
        let (broken, brokenDirectory) = try dockerConfig("{ not json")
        defer { brokenDirectory.remove() }
        #expect(broken.credential(for: "docker.io") == nil)
    }

    /// `credHelpers` for a host first, then `auths`, then `credsStore`; helpers are found on the
    /// environment's PATH and speak the docker-credential-helpers protocol.
    @Test func credentialHelpersAndStoreAreAskedOnTheGivenPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let helper = try directory.write("bin/docker-credential-hawsertest", """
        #!/bin/sh
        [ "$1" = "get" ] || exit 2
        read url
        case "$url" in
          https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"hub-helper","Secret":"s1"}' ;;
          ghcr.io) echo '{"ServerURL":"ghcr.io","Username":"<token>","Secret":"identity-token"}' ;;
          *) echo "credentials not found in native keychain" >&2; exit 1 ;;
        esac

        """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper)
        try directory.write("docker/config.json", """
        {"credHelpers": {"ghcr.io": "hawsertest"}, "credsStore": "hawsertest",
         "auths": {"quay.io": {"auth": "\(Self.base64("q:w"))"}, "ghcr.io": {"auth": "\(Self.base64("not:used"))"}}}
        """)
        let credentials = DockerConfigCredentials(environment: [
            "DOCKER_CONFIG": directory.path + "/docker", "PATH": directory.path + "/bin", "HOME": directory.path,
        ])
        #expect(credentials.credential(for: "ghcr.io") == .bearer(token: "identity-token"))
        #expect(credentials.credential(for: "docker.io") == .basic(username: "hub-helper", password: "s1"))
        #expect(credentials.credential(for: "quay.io") == .basic(username: "q", password: "w"))
        #expect(credentials.credential(for: "unknown.example") == nil, "the helper's failure means no credential")
    }

    @Test func chainedCredentialsTryEachProviderInOrder() throws {
        let (docker, directory) = try dockerConfig()
        defer { directory.remove() }
        let environment = EnvironmentCredentials(environment: [
            "HAWSER_REGISTRY_AUTH_AUTHORITY": "ghcr.io", "HAWSER_REGISTRY_AUTH_TOKEN": "from-env",
        ])
        let chain = ChainedCredentials([environment, docker])
        #expect(chain.credential(for: "ghcr.io") == .bearer(token: "from-env"))
        #expect(chain.credential(for: "docker.io") == .basic(username: "hubuser", password: "hubpass"))
        #expect(chain.credential(for: "quay.io") == nil)
    }

    @Test func basicAuthorizationHeader() {
        #expect(RegistryCredential.basic(username: "user", password: "secret").basicAuthorization == "Basic dXNlcjpzZWNyZXQ=")
        #expect(RegistryCredential.bearer(token: "t").basicAuthorization == nil)
    }
}
