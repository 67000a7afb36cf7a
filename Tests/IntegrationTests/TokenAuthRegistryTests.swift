import Engine
import Foundation
import ImageSource
import Model
import Testing
import TestSupport

/// The bearer-token flow against a real `docker-registry` configured for token auth, with the
/// token server (TokenServer) running in the test on the realm port the registry names.
@Suite(.enabled(if: TestEnvironment.tokenRegistryAvailable), .serialized)
struct TokenAuthRegistryTests {
    func withTokenServer(_ body: (TestHTTPServer, String) async throws -> Void) async throws {
        let registry = try TestEnvironment.value("HAWSER_TEST_TOKEN_REGISTRY")
        let port = try #require(Int(try TestEnvironment.value("HAWSER_TEST_TOKEN_REALM_PORT")))
        let tokens = try TokenServer(keyPath: try TestEnvironment.value("HAWSER_TEST_TOKEN_KEY"),
                                     certificatePath: try TestEnvironment.value("HAWSER_TEST_TOKEN_CERT"),
                                     issuer: try TestEnvironment.value("HAWSER_TEST_TOKEN_ISSUER"),
                                     service: try TestEnvironment.value("HAWSER_TEST_TOKEN_SERVICE"),
                                     username: TestEnvironment.username, password: TestEnvironment.password)
        let server = try await TestHTTPServer(port: port) { tokens.respond($0) }
        do {
            try await body(server, registry)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    func options(registry: String, cache: TemporaryDirectory, password: String) -> SourceOptions {
        SourceOptions(cacheDirectory: cache.path, insecureHTTP: true,
                      credentials: EnvironmentCredentials(environment: [
                          "HAWSER_REGISTRY_AUTH_AUTHORITY": registry,
                          "HAWSER_REGISTRY_AUTH_USERNAME": TestEnvironment.username,
                          "HAWSER_REGISTRY_AUTH_PASSWORD": password,
                      ]),
                      retry: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(100)))
    }

    @Test func pullsWithABearerTokenAndReusesIt() async throws {
        try await withTokenServer { server, registry in
            let cache = try TemporaryDirectory()
            defer { cache.remove() }
            let opened = try await Engine(sourceOptions: options(registry: registry, cache: cache, password: TestEnvironment.password))
                .open("registry:\(registry)/fixture/app:latest")
            let description = try #require(opened.description)
            #expect(description.layers.count == 6)
            #expect(opened.resolver(scope: .squashed).entry(at: "/opt/demo/new.txt") != nil)
            // One token for manifest, config and six layers: reused until it expires.
            let tokenRequests = server.recorded.filter { $0.path == "/token" }
            #expect(tokenRequests.count == 1)
            #expect(tokenRequests.first?.query.contains { $0 == ("scope", "repository:fixture/app:pull") } == true)
            #expect(tokenRequests.first?.query.contains { $0.0 == "service" && $0.1 == (try? TestEnvironment.value("HAWSER_TEST_TOKEN_SERVICE")) } == true)
        }
    }

    @Test func wrongPasswordAtTheTokenServerIsAClear401() async throws {
        try await withTokenServer { _, registry in
            let cache = try TemporaryDirectory()
            defer { cache.remove() }
            await #expect {
                _ = try await ImageLoader(options: options(registry: registry, cache: cache, password: "wrong"))
                    .load(.registry(try ImageReference(parsing: "\(registry)/fixture/app:latest")))
            } throws: { error in
                guard case ImageSourceError.registry(let registryError) = error else { return false }
                return registryError.kind == .unauthorized && registryError.status == 401 && registryError.message.contains("token server")
            }
        }
    }
}
