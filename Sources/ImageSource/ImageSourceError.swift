import Model

/// Why an image could not be fetched. Each case names the image, file or URL, and what was wrong.
public enum ImageSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSource(String, reason: String)
    case fileNotFound(path: String)
    case malformed(what: String, reason: String)
    case unsupportedManifest(what: String, mediaType: String, reason: String)
    case noMatchingImage(what: String, reason: String)
    case digestMismatch(what: String, expected: Digest, actual: Digest)
    case registry(RegistryError)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSource(let text, let reason): "invalid source '\(text)': \(reason)"
        case .fileNotFound(let path): "no such file or directory: \(path)"
        case .malformed(let what, let reason): "malformed \(what): \(reason)"
        case .unsupportedManifest(let what, let mediaType, let reason): "unsupported manifest \(what) (\(mediaType)): \(reason)"
        case .noMatchingImage(let what, let reason): "no matching image in \(what): \(reason)"
        case .digestMismatch(let what, let expected, let actual): "digest mismatch for \(what): expected \(expected), got \(actual)"
        case .registry(let error): error.description
        case .io(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}

/// What a registry said or failed to say.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case unauthorized, forbidden, notFound, tooManyRequests, server, transport, protocolViolation
    }

    public var kind: Kind
    public var url: String
    public var status: Int?
    public var message: String

    public init(kind: Kind, url: String, status: Int?, message: String) {
        self.kind = kind
        self.url = url
        self.status = status
        self.message = message
    }

    public var description: String {
        let code = status.map { "HTTP \($0)" } ?? "no response"
        switch kind {
        case .unauthorized: return "registry refused the credentials (\(code) Unauthorized) for \(url): \(message)"
        case .forbidden: return "registry denied access (\(code) Forbidden) to \(url): \(message)"
        case .notFound: return "not found in the registry (\(code)): \(url): \(message)"
        default: return "registry request failed (\(code)) for \(url): \(message)"
        }
    }
}
