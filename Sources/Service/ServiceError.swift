import Store

/// Why a service operation failed, in terms the API maps to status codes once (APIServer) and the
/// CLI prints as is. Every case says what was wrong with which input.
public enum ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The request itself is wrong (bad digest, unknown field, missing parameter…): 400.
    case badRequest(String)
    /// A policy bundle that cannot be used, with every problem at its JSON path: 400.
    case invalidPolicy([String])
    case unauthorized(String)
    /// Authenticated, but not allowed (another account, not an admin): 403.
    case forbidden(String)
    case notFound(String)
    case conflict(String)
    /// Content asked of an image whose analysis has not finished: 404 with Anchore's text.
    case notAnalyzed(status: AnalysisStatus)
    /// A registry refused or failed (credentials, missing tag): the registry's answer, 400-class.
    case registry(String, code: String)
    case unavailable(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .badRequest(let message), .unauthorized(let message), .forbidden(let message), .notFound(let message),
             .conflict(let message), .unavailable(let message):
            message
        case .notAnalyzed(let status): "image is not analyzed - analysis_status: \(status.rawValue)"
        case .invalidPolicy(let problems): "invalid policy bundle: " + problems.joined(separator: "; ")
        case .registry(let message, _): message
        case .store(let error): error.description
        }
    }

    static func wrap(_ error: StoreError) -> ServiceError {
        switch error {
        case .conflict: .conflict(error.description)
        case .notFound: .notFound(error.description)
        case .invalid(let why): .badRequest(why)
        default: .store(error)
        }
    }
}

/// Runs a store call, turning its errors into service errors.
func storeCall<T: Sendable>(_ body: @Sendable () async throws(StoreError) -> T) async throws(ServiceError) -> T {
    do { return try await body() } catch { throw ServiceError.wrap(error) }
}
