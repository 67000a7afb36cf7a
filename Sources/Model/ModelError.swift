/// What went wrong while parsing one of the model's textual forms.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidDigest(String)
    case invalidReference(String, reason: String)
    case invalidPlatform(String)

    public var description: String {
        switch self {
        case .invalidDigest(let text):
            return "invalid digest '\(text)': expected sha256:<64 lowercase hex> or sha512:<128 lowercase hex>"
        case .invalidReference(let text, let reason):
            return "invalid image reference '\(text)': \(reason)"
        case .invalidPlatform(let text):
            return "invalid platform '\(text)': expected os/arch[/variant], e.g. linux/arm64/v8"
        }
    }
}
