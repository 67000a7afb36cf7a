/// Why a whole Debian feed file could not be used. Problems with single records are
/// `FeedDiagnostic`s instead; these are thrown only when nothing useful remains.
public enum DebianFeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read or decompressed (missing, truncated or corrupt `.bz2`…).
    case unreadable(file: String, reason: String)
    /// The OVAL XML is not well-formed or is not an OVAL definitions document.
    case malformedOVAL(file: String, line: Int, column: Int, reason: String)
    /// The tracker JSON is not JSON or not the tracker's `{package: {id: issue}}` shape.
    case malformedTrackerJSON(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "cannot read Debian feed \(file): \(reason)"
        case .malformedOVAL(let file, let line, let column, let reason):
            "malformed Debian OVAL \(file) at line \(line), column \(column): \(reason)"
        case .malformedTrackerJSON(let file, let reason):
            "malformed Debian security-tracker JSON \(file): \(reason)"
        }
    }
}
