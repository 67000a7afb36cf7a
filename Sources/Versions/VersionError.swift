/// The one error type of the Versions module; every case names the input it rejects.
public enum VersionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `input` is not a version of `format`; `reason` says which rule it breaks.
    case invalidVersion(_ input: String, format: VersionFormat, reason: String)
    /// `input` is not a constraint of the shared grammar (or one of its versions is invalid).
    case invalidConstraint(_ input: String, format: VersionFormat, reason: String)
    /// A version of `found` was compared with a constraint or version of `expected`.
    case formatMismatch(expected: VersionFormat, found: VersionFormat, version: String)
    /// `input` names no known version format.
    case unknownFormat(_ input: String)

    public var description: String {
        switch self {
        case let .invalidVersion(input, format, reason):
            "invalid \(format) version \"\(input)\": \(reason)"
        case let .invalidConstraint(input, format, reason):
            "invalid \(format) version constraint \"\(input)\": \(reason)"
        case let .formatMismatch(expected, found, version):
            "cannot compare \(found) version \"\(version)\" with a \(expected) constraint"
        case let .unknownFormat(input):
            "unknown version format \"\(input)\""
        }
    }
}
