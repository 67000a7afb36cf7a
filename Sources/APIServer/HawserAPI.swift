import Foundation
import Hummingbird
import Logging
import Service

/// Builds the REST API: every route under `/v1` and unprefixed (Anchore rewrites `/x` to `/v1/x`),
/// behind authentication, over a `HawserService`.
public enum HawserAPI {
    public static func router(service: HawserService, version: String) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        let metrics = APIMetrics()
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: AuthenticationMiddleware(service: service))
        router.get("/metrics") { _, _ in
            JSONReply.raw(await metrics.scrape(service), contentType: "text/plain; version=0.0.4")
        }
        let versionString: @Sendable (Request, APIContext) async throws -> Response = { _, _ in try JSONReply.make("v1") }
        router.get("/", use: versionString)
        router.get("/v1", use: versionString)
        let openAPI: @Sendable (Request, APIContext) async throws -> Response = { _, _ in
            JSONReply.raw(try JSONSerialization.data(withJSONObject: APIDocument.openAPI(version: version), options: [.sortedKeys]))
        }
        let swagger: @Sendable (Request, APIContext) async throws -> Response = { _, _ in
            JSONReply.raw(try JSONSerialization.data(withJSONObject: APIDocument.swagger(version: version), options: [.sortedKeys]))
        }
        for prefix in ["", "/v1"] {
            router.get("\(prefix)/openapi.json", use: openAPI)
            router.get("\(prefix)/swagger.json", use: swagger)
        }
        let cache = ResponseCache()
        register(on: router, service: service, version: version, cache: cache)
        register(on: router.group("v1"), service: service, version: version, cache: cache)
        return router
    }

    static func register<R: RouterMethods<APIContext>>(on router: R, service: HawserService, version: String, cache: ResponseCache) {
        SystemRoutes(service: service, version: version).register(on: router)
        let images = ImageRoutes(service: service)
        images.register(on: router)
        ImageContentRoutes(service: service, images: images, cache: cache).register(on: router)
        PolicyRoutes(service: service, images: images).register(on: router)
        RegistryRoutes(service: service).register(on: router)
        SubscriptionRoutes(service: service).register(on: router)
        EventRoutes(service: service).register(on: router)
        QueryRoutes(service: service).register(on: router)
        AccountRoutes(service: service).register(on: router)
        ImportRoutes(service: service).register(on: router)
        APIKeyRoutes(service: service).register(on: router)
    }

    /// A process that serves no API (a `worker` or `watcher` role) still answers `GET /health` (the
    /// orchestrator's liveness and readiness probe) and `/version`: it answers once the store is
    /// migrated and the service bootstrapped, which is when this is started.
    public static func healthApplication(host: String, port: Int, version: String, role: String, logger: Logger) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.get("health") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok"))) }
        router.get("version") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: "{\"service\": {\"version\": \"\(version)\"}, \"role\": \"\(role)\"}")))
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "hawser/\(version)"), logger: logger)
    }

    /// The HTTP server on `host:port`.
    public static func application(service: HawserService, host: String, port: Int, version: String,
                                   logger: Logger) -> some ApplicationProtocol {
        Application(router: router(service: service, version: version),
                    configuration: .init(address: .hostname(host, port: port), serverName: "hawser/\(version)"), logger: logger)
    }
}
