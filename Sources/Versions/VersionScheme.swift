/// A version scheme: the parsed version type of one ecosystem, ordered by that ecosystem's rules.
///
/// Each conforming type lives in its own file and cites the algorithm it implements. Its `<` and
/// `==` are the scheme's ordering (so `1.0` and `1.0.0` may be equal under one scheme and not under
/// another); `description` is the text as given. Versions of different schemes are never compared
/// with each other: wrap them in ``Version`` and use ``VersionConstraint`` to compare across the
/// module boundary (STYLE rule 6: compare versions only through their scheme).
public protocol VersionScheme: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// The wire name of this scheme.
    static var format: VersionFormat { get }

    /// Parses `text` (surrounding whitespace ignored) or throws ``VersionError/invalidVersion(_:format:reason:)``.
    init(parsing text: String) throws(VersionError)

    /// This version wrapped for scheme-independent code.
    var erased: Version { get }

    /// Three-way comparison under the scheme's ordering: -1, 0 or 1. `<` and `==` agree with it.
    func compare(to other: Self) -> Int
}
