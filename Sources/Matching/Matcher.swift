import Model

/// Finds the vulnerabilities of the packages it handles. One matcher per ecosystem, each a few
/// lines composing the shared searches in `Strategies/` (as Grype's matchers do).
public protocol Matcher: Sendable {
    /// Grype's matcher names (`dpkg-matcher`, `python-matcher`…).
    var name: String { get }
    func handles(_ package: Package) -> Bool
    func match(_ package: Package, context: MatchContext) throws(MatchingError) -> [Match]
    /// The lookups `match` makes for `package` (for `hawser explain`).
    func lookups(for package: Package, context: MatchContext) -> [Lookup]
}

/// What every matcher may use besides the package.
public struct MatchContext: Sendable {
    public var distro: Distro?
    public var provider: any VulnerabilityProvider

    public init(distro: Distro?, provider: any VulnerabilityProvider) {
        self.distro = distro
        self.provider = provider
    }
}

/// Why matching could not be done.
public enum MatchingError: Error, Sendable, CustomStringConvertible {
    case lookupFailed(namespace: String, package: String, reason: String)

    public var description: String {
        switch self {
        case .lookupFailed(let namespace, let package, let reason): "cannot look up \(package) in \(namespace): \(reason)"
        }
    }
}

/// One name a matcher looks up for a package: where, under which name, at which version.
public struct Lookup: Sendable, Hashable, Codable {
    public var namespace: String
    public var packageName: String
    public var version: String

    public init(namespace: String, packageName: String, version: String) {
        self.namespace = namespace
        self.packageName = packageName
        self.version = version
    }
}

extension Matcher {
    /// A matcher that does not say which lookups it makes: `hawser explain` then reports less.
    public func lookups(for package: Package, context: MatchContext) -> [Lookup] { [] }
}
