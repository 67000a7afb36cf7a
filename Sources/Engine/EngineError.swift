import Archive
import ImageSource
import Model

/// Why a use case failed, carrying the failing stage's own error.
public enum EngineError: Error, Sendable, CustomStringConvertible {
    case source(ImageSourceError)
    case layers(ArchiveError)
    case model(ModelError)

    public var description: String {
        switch self {
        case .source(let error): error.description
        case .layers(let error): error.description
        case .model(let error): error.description
        }
    }
}
