/// One event of an OSV `affected[].ranges[].events` list.
///
/// See the OSV schema, "affected[].ranges[].events" and "Evaluation": `introduced: "0"` means
/// before every version, `limit: "*"` means no limit.
public struct OSVEvent: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case introduced
        case fixed
        case lastAffected = "last_affected"
        case limit
    }

    public let kind: Kind
    /// The version text as the feed gives it.
    public let version: String

    public init(_ kind: Kind, _ version: String) {
        self.kind = kind
        self.version = version
    }

    public static func introduced(_ version: String) -> OSVEvent { OSVEvent(.introduced, version) }
    public static func fixed(_ version: String) -> OSVEvent { OSVEvent(.fixed, version) }
    public static func lastAffected(_ version: String) -> OSVEvent { OSVEvent(.lastAffected, version) }
    public static func limit(_ version: String) -> OSVEvent { OSVEvent(.limit, version) }

    /// From an OSV event object's key (`"introduced"`, `"fixed"`, `"last_affected"`, `"limit"`).
    public init?(key: String, version: String) {
        guard let kind = Kind(rawValue: key) else { return nil }
        self.init(kind, version)
    }

    public var description: String { "\(kind.rawValue): \(version)" }
}
