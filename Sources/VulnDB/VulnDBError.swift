/// Why a VulnDB operation failed. Every case names the file (and the feed group when there is one).
public enum VulnDBError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No database at `path` (run `hawser db sync`, `db build` or `db import` first).
    case notFound(path: String)
    /// The file is not a Hawser VulnDB (no schema version stamped, or not SQLite).
    case notAVulnDB(path: String, reason: String)
    /// The file (or bundle) was written with another schema version.
    case schemaVersionMismatch(path: String, found: Int, expected: Int)
    /// SQLite refused an operation.
    case database(path: String, group: FeedGroup?, message: String)
    /// A stored row could not be decoded (a damaged or hand-edited file).
    case corruptRow(path: String, recordID: String, column: String)
    /// The producer of a build signalled bad input with `VulnDBBuilder.reject(_:)`; nothing was replaced.
    case buildRejected(path: String, reasons: [String])
    /// The builder was used after `commit()` or `discard()`.
    case builderClosed(path: String)
    /// An offline bundle is damaged or not a Hawser bundle.
    case corruptBundle(path: String, reason: String)
    /// The database inside a bundle does not have the checksum its manifest records.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// A file system operation failed.
    case io(path: String, operation: String, message: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "no vulnerability database at \(path) (run `hawser db sync`, `hawser db build` or `hawser db import`)"
        case .notAVulnDB(let path, let reason):
            return "\(path) is not a Hawser vulnerability database: \(reason)"
        case .schemaVersionMismatch(let path, let found, let expected):
            let hint = found > expected ? "it was written by a newer Hawser; upgrade Hawser" : "rebuild it with `hawser db sync` or `hawser db build`"
            return "\(path) has vulnerability database schema version \(found), this Hawser reads version \(expected): \(hint)"
        case .database(let path, let group, let message):
            return "\(path)\(group.map { " (group \($0))" } ?? ""): \(message)"
        case .corruptRow(let path, let recordID, let column):
            return "\(path): record \(recordID) has an unreadable \(column) column"
        case .buildRejected(let path, let reasons):
            return "build of \(path) abandoned, previous database kept: \(reasons.joined(separator: "; "))"
        case .builderClosed(let path):
            return "the build of \(path) was already committed or discarded"
        case .corruptBundle(let path, let reason):
            return "bundle \(path) is damaged: \(reason)"
        case .checksumMismatch(let path, let expected, let actual):
            return "bundle \(path): database checksum is \(actual), the manifest says \(expected)"
        case .io(let path, let operation, let message):
            return "\(path): \(operation) failed: \(message)"
        }
    }
}

extension VulnDBError {
    /// Runs `body`, turning GRDB's and Foundation's untyped errors into `.database` naming `path`.
    static func wrapping<T>(_ path: String, group: FeedGroup? = nil, _ body: () throws -> T) throws(VulnDBError) -> T {
        do {
            return try body()
        } catch let error as VulnDBError {
            throw error
        } catch {
            throw .database(path: path, group: group, message: "\(error)")
        }
    }
}
