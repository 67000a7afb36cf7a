import Foundation
import HTTPTypes
import Hummingbird
import Service

/// HTTP basic and bearer authentication on every route but the open ones (`/`, `/health`,
/// `/version`, the API documents, `/oauth/token`), then the account the request acts in.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let service: HawserService

    static let open: Set<String> = ["/", "/v1", "/v1/", "/health", "/v1/health", "/version", "/v1/version", "/swagger.json",
                                    "/v1/swagger.json", "/openapi.json", "/v1/openapi.json", "/oauth/token", "/v1/oauth/token", "/metrics"]

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        if Self.open.contains(request.uri.path) { return try await next(request, context) }
        var context = context
        guard let header = request.headers[.authorization] else {
            throw APIError(status: .unauthorized, message: "Unauthorized: authentication required (HTTP basic or bearer token)")
        }
        let principal: Principal
        if header.lowercased().hasPrefix("basic ") {
            guard let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                  let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":") else {
                throw APIError(status: .unauthorized, message: "malformed basic authorization header")
            }
            let username = String(text[..<colon]), password = String(text[text.index(after: colon)...])
            principal = try await call { () async throws(ServiceError) in try await service.authenticator.authenticate(username: username, password: password) }
        } else if header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            principal = try await call { () async throws(ServiceError) in try await service.authenticator.principal(forToken: token) }
        } else {
            throw APIError(status: .unauthorized, message: "unsupported authorization scheme (use basic or bearer)")
        }
        context.principal = principal
        let requested = request.headers[HTTPField.Name("x-anchore-account")!]
        context.account = try await call { () async throws(ServiceError) in try await service.effectiveAccount(principal, requested: requested) }
        return try await next(request, context)
    }
}
