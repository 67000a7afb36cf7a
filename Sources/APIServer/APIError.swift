import Foundation
import Hummingbird
import Service

/// An error as Anchore's API returns it: `{"message", "httpcode", "detail": {"error_codes": [...]}}`.
/// Status mapping from service errors lives here, once.
public struct APIError: HTTPResponseError {
    public var status: HTTPResponse.Status
    public var message: String
    public var errorCodes: [String]
    /// Every problem of an invalid document (`detail.validation_details`).
    public var validationDetails: [String]?

    public init(status: HTTPResponse.Status, message: String, errorCodes: [String] = [], validationDetails: [String]? = nil) {
        self.status = status
        self.message = message
        self.errorCodes = errorCodes
        self.validationDetails = validationDetails
    }

    public init(_ error: ServiceError) {
        switch error {
        case .badRequest(let message): self.init(status: .badRequest, message: message)
        case .invalidPolicy(let problems):
            self.init(status: .badRequest, message: "invalid policy bundle: \(problems.count) problem\(problems.count == 1 ? "" : "s"): "
                      + problems.joined(separator: "; "), errorCodes: ["POLICY_BUNDLE_INVALID"], validationDetails: problems)
        case .unauthorized(let message): self.init(status: .unauthorized, message: message)
        case .forbidden(let message): self.init(status: .forbidden, message: message)
        case .notFound(let message): self.init(status: .notFound, message: message)
        case .conflict(let message): self.init(status: .conflict, message: message)
        case .notAnalyzed: self.init(status: .notFound, message: error.description)
        case .registry(let message, let code): self.init(status: .badRequest, message: message, errorCodes: [code])
        case .unavailable(let message): self.init(status: .serviceUnavailable, message: message)
        case .store: self.init(status: .internalServerError, message: error.description)
        }
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var error_codes: [String]
            var validation_details: [String]?
        }
        var message: String
        var httpcode: Int
        var detail: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(message: message, httpcode: Int(status.code), detail: .init(error_codes: errorCodes, validation_details: validationDetails))
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "basic realm=\"Authentication required\"" }
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Runs a synchronous service check, turning its error into an API error.
func call<T>(_ body: () throws(ServiceError) -> T) throws -> T {
    do { return try body() } catch { throw APIError(error) }
}

/// Runs a service call, turning its errors into API errors.
func call<T>(_ body: () async throws(ServiceError) -> T) async throws -> T {
    do { return try await body() } catch { throw APIError(error) }
}
