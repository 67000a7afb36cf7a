/// Why a whole OSV input could not be read; per-record problems are `FeedDiagnostic`s instead.
public enum OSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The archive could not be opened or a member could not be extracted (truncated, corrupt).
    case unreadableArchive(path: String, reason: String)
    /// A `modified_id.csv` line is not `<RFC 3339 time>,<id>`.
    case malformedIndexLine(path: String, line: Int, text: String)

    public var description: String {
        switch self {
        case .unreadableArchive(let path, let reason): "cannot read OSV archive \(path): \(reason)"
        case .malformedIndexLine(let path, let line, let text): "\(path):\(line): not \"<modified>,<id>\": \(text)"
        }
    }
}
