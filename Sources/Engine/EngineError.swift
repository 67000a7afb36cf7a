import Archive
import ImageSource
import Model

/// Why a use case failed, carrying the failing stage's own error.
public enum EngineError: Error, Sendable, CustomStringConvertible {
    case source(ImageSourceError)
    case layers(ArchiveError)
    case model(ModelError)
    /// A vulnerability database could not be opened, built or read.
    case database(String)
    /// A feed file could not be read at all (one bad record is a diagnostic instead).
    case feed(file: String, reason: String)
    /// An SBOM file given as `sbom:FILE` could not be read.
    case sbom(file: String, reason: String)

    public var description: String {
        switch self {
        case .source(let error): error.description
        case .layers(let error): error.description
        case .model(let error): error.description
        case .database(let message): message
        case .feed(let file, let reason): "cannot read feed \(file): \(reason)"
        case .sbom(let file, let reason): "cannot read SBOM \(file): \(reason)"
        }
    }
}
