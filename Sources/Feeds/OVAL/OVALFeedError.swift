/// Why a whole OVAL feed file (Ubuntu USN, Red Hat RHSA, Rocky RLSA) could not be used.
/// Problems with single definitions are `FeedDiagnostic`s instead; these are thrown only when
/// nothing useful remains.
public enum OVALFeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read or decompressed (missing, truncated or corrupt `.bz2`…).
    case unreadable(file: String, reason: String)
    /// The XML is not well-formed or is not an OVAL definitions document.
    case malformedOVAL(file: String, line: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "cannot read OVAL feed \(file): \(reason)"
        case .malformedOVAL(let file, let line, let column, let reason):
            "malformed OVAL \(file) at line \(line), column \(column): \(reason)"
        }
    }
}
