/// A file a package database lists that is not as the package installed it: Anchore's
/// `packages.verify` policy trigger reads these (`dpkg --verify`, `apk audit` in spirit).
public struct PackageFileProblem: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// The content's digest differs from the one the package database recorded.
        case changed
        /// Nothing is at the path any more.
        case missing
    }

    /// The package's name as its database spells it.
    public var package: String
    public var path: String
    public var status: Status

    public init(package: String, path: String, status: Status) {
        self.package = package
        self.path = path
        self.status = status
    }
}
