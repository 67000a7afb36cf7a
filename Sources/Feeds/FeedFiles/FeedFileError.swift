/// Why a whole feed file (a secdb JSON file, an advisory-database tarball or checkout) could not be
/// used. Problems with single records inside it are `FeedDiagnostic`s instead; these are thrown
/// only when nothing trustworthy remains.
public enum FeedFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or directory could not be opened, decompressed or walked: missing, truncated or
    /// corrupt gzip/tar. `member` names the archive member being read when it failed, if any.
    case unreadable(file: String, member: String?, reason: String)
    /// The file is readable but not the feed's format at the top level (not JSON, no `packages`…).
    case malformed(file: String, reason: String)
    /// The task was cancelled while the file was being read.
    case cancelled(file: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let member?, let reason): "cannot read feed file \(file) (at member \(member)): \(reason)"
        case .unreadable(let file, nil, let reason): "cannot read feed file \(file): \(reason)"
        case .malformed(let file, let reason): "malformed feed file \(file): \(reason)"
        case .cancelled(let file): "reading feed file \(file) was cancelled"
        }
    }
}
