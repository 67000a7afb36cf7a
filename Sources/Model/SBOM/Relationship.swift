/// A typed edge between two packages (or a package and a file), with Syft's relationship names.
public struct Relationship: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The parent's files include the child's (a deb that ships a Python package's files).
        case ownershipByFileOverlap = "ownership-by-file-overlap"
        case contains
        case dependencyOf = "dependency-of"
    }

    public var parent: String
    public var child: String
    public var kind: Kind

    public init(parent: String, child: String, kind: Kind) {
        self.parent = parent
        self.child = child
        self.kind = kind
    }
}
