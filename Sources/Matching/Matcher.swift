import Model

/// Finds the vulnerabilities of the packages it handles. One matcher per ecosystem, each a few
/// lines composing the shared searches in `Strategies/` (as Grype's matchers do).
public protocol Matcher: Sendable {
    /// Grype's matcher names (`dpkg-matcher`, `python-matcher`…).
    var name: String { get }
    func handles(_ package: Package) -> Bool
    func match(_ package: Package, context: MatchContext) throws(MatchingError) -> [Match]
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
