import Hummingbird
import Service

/// Per-request context: who is calling (set by `AuthenticationMiddleware`) and the account the
/// request acts in (theirs, or the one an admin names in `x-anchore-account`).
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    public var account: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { 64 << 20 }

    /// The caller; routes behind the authentication middleware always have one.
    func caller() throws -> Principal {
        guard let principal else { throw APIError(ServiceError.unauthorized("authentication required")) }
        return principal
    }

    func requireAccount() throws -> String {
        guard let account else { throw APIError(ServiceError.unauthorized("authentication required")) }
        return account
    }
}
