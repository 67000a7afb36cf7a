/// A parsed version of any scheme: what crosses the module boundary.
///
/// Two versions of the same format compare by that format's rules. Versions of different
/// formats are ordered by ``VersionFormat`` case order only so that `Version` can be sorted and
/// used as a key; that order means nothing, and ``VersionConstraint`` refuses such comparisons.
public enum Version: Comparable, Hashable, Sendable, CustomStringConvertible {
    case deb(DebianVersion)
    case apk(APKVersion)
    case rpm(RPMVersion)
    case semver(SemanticVersion)
    case pep440(PEP440Version)
    case maven(MavenVersion)
    case gem(GemVersion)
    case go(GoVersion)
    case composer(ComposerVersion)
    case nuget(NuGetVersion)
    case fuzzy(FuzzyVersion)

    /// Parses `text` as a version of `format`.
    public init(parsing text: String, format: VersionFormat) throws(VersionError) {
        self = try format.parse(text)
    }

    public var format: VersionFormat {
        switch self {
        case .deb: .deb
        case .apk: .apk
        case .rpm: .rpm
        case .semver: .semver
        case .pep440: .pep440
        case .maven: .maven
        case .gem: .gem
        case .go: .go
        case .composer: .composer
        case .nuget: .nuget
        case .fuzzy: .fuzzy
        }
    }

    /// The version text as given (without surrounding whitespace).
    public var description: String {
        switch self {
        case let .deb(v): v.description
        case let .apk(v): v.description
        case let .rpm(v): v.description
        case let .semver(v): v.description
        case let .pep440(v): v.description
        case let .maven(v): v.description
        case let .gem(v): v.description
        case let .go(v): v.description
        case let .composer(v): v.description
        case let .nuget(v): v.description
        case let .fuzzy(v): v.description
        }
    }

    /// Three-way comparison (-1, 0, 1) under the shared scheme; throws when the formats differ.
    public func compare(to other: Version) throws(VersionError) -> Int {
        switch (self, other) {
        case let (.deb(a), .deb(b)): a.compare(to: b)
        case let (.apk(a), .apk(b)): a.compare(to: b)
        case let (.rpm(a), .rpm(b)): a.compare(to: b)
        case let (.semver(a), .semver(b)): a.compare(to: b)
        case let (.pep440(a), .pep440(b)): a.compare(to: b)
        case let (.maven(a), .maven(b)): a.compare(to: b)
        case let (.gem(a), .gem(b)): a.compare(to: b)
        case let (.go(a), .go(b)): a.compare(to: b)
        case let (.composer(a), .composer(b)): a.compare(to: b)
        case let (.nuget(a), .nuget(b)): a.compare(to: b)
        case let (.fuzzy(a), .fuzzy(b)): a.compare(to: b)
        default:
            throw .formatMismatch(expected: format, found: other.format, version: other.description)
        }
    }

    public static func < (lhs: Version, rhs: Version) -> Bool {
        if let order = try? lhs.compare(to: rhs) { return order < 0 }
        return lhs.format.sortIndex < rhs.format.sortIndex
    }
}

extension VersionFormat {
    var sortIndex: Int { VersionFormat.allCases.firstIndex(of: self) ?? 0 }
}
