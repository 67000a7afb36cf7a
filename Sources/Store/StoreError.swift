/// Why a store operation failed. `conflict` and `notFound` are the caller's fault and reach users
/// as 409/404; `backend` carries the driver's message for the log and a 500.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case conflict(String)
    case notFound(String)
    case invalid(String)
    case backend(operation: String, message: String)
    /// The stored schema is newer than this build understands.
    case schemaTooNew(stored: Int, supported: Int)

    public var description: String {
        switch self {
        case .conflict(let what): "\(what) already exists"
        case .notFound(let what): "\(what) not found"
        case .invalid(let why): why
        case .backend(let operation, let message): "database error during \(operation): \(message)"
        case .schemaTooNew(let stored, let supported):
            "the database schema is version \(stored), newer than this Hawser supports (\(supported)); upgrade Hawser"
        }
    }
}
