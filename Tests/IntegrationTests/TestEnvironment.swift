import Foundation
import ImageSource
import Model
import TestSupport

/// The real test image and registries that `scripts/test-env.sh` prepares.
/// Without them these tests are skipped locally, but `scripts/test.sh` sets
/// `HAWSER_REQUIRE_INTEGRATION=1`, and then a missing environment fails the run.
enum TestEnvironment {
    static let variables = ProcessInfo.processInfo.environment

    static var required: Bool { variables["HAWSER_REQUIRE_INTEGRATION"] == "1" }
    static var imageDirectory: String? { variables["HAWSER_TEST_IMAGE_DIR"] }
    static var registry: String? { variables["HAWSER_TEST_REGISTRY"] }
    static var username: String { variables["HAWSER_TEST_REGISTRY_USER"] ?? "fixture" }
    static var password: String { variables["HAWSER_TEST_REGISTRY_PASSWORD"] ?? "fixture-pw" }
    static var tokenRegistry: String? { variables["HAWSER_TEST_TOKEN_REGISTRY"] }

    static var imageAvailable: Bool { imageDirectory != nil || required }
    static var registryAvailable: Bool { registry != nil || required }
    static var tokenRegistryAvailable: Bool { tokenRegistry != nil || required }

    struct Missing: Error, CustomStringConvertible {
        var variable: String
        var description: String { "\(variable) is not set: run the tests through scripts/test.sh" }
    }

    static func value(_ name: String) throws -> String {
        guard let value = variables[name], !value.isEmpty else { throw Missing(variable: name) }
        return value
    }

    /// Source options for the basic-auth test registry with its credentials and a fresh cache.
    static func registryOptions(cache: TemporaryDirectory, username: String? = nil, password: String? = nil,
                                platform: Platform? = nil) throws -> SourceOptions {
        let authority = try value("HAWSER_TEST_REGISTRY")
        let credentials = EnvironmentCredentials(environment: [
            "HAWSER_REGISTRY_AUTH_AUTHORITY": authority,
            "HAWSER_REGISTRY_AUTH_USERNAME": username ?? self.username,
            "HAWSER_REGISTRY_AUTH_PASSWORD": password ?? self.password,
        ])
        return SourceOptions(platform: platform, cacheDirectory: cache.path, insecureHTTP: true, credentials: credentials,
                             retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(100)))
    }
}
