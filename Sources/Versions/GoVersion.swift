/// A Go module version (`v1.2.3`, pseudo-versions, `+incompatible`) or Go toolchain version (`go1.21rc2`).
///
/// Ordering is golang.org/x/mod/semver's: semantic versioning with build metadata ignored, so
/// `v2.0.0+incompatible` equals `v2.0.0`, and a pseudo-version such as
/// `v0.0.0-20191109021931-daa7c04131f5` is an ordinary pre-release (of `v0.0.0`, or of the patch
/// after its base for `vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef`), ordered by its timestamp.
///
/// The `v` is optional because OSV's Go data omits it. `v1` and `v1.2` are shorthands for
/// `v1.0.0` and `v1.2.0` as in x/mod. A toolchain name `go1.21rc2` / `go1.9beta1` / `go1.20` reads
/// as `1.21.0-rc.2` / `1.9.0-beta.1` / `1.20.0`, the mapping the Go vulnerability database uses
/// for the `stdlib` module.
public struct GoVersion: VersionScheme {
    public static let format = VersionFormat.go

    /// The version as semantic version (build metadata kept, ignored for ordering).
    public let semantic: SemanticVersion
    private let text: String

    public init(parsing input: String) throws(VersionError) {
        let trimmed = input.trimmingASCIIWhitespace()
        let semverText: String
        if trimmed.hasPrefix("go") {
            guard let converted = Self.toolchainToSemver(trimmed.dropFirst(2)) else {
                throw .invalidVersion(input, format: .go, reason: "not a Go toolchain version (goMAJOR.MINOR[.PATCH][(alpha|beta|rc)N])")
            }
            semverText = converted
        } else {
            semverText = trimmed
        }
        let semantic = try SemanticVersion(semverText, format: .go, requireAllComponents: false)
        if semverText.utf8.contains(UInt8(ascii: "-")) || semverText.utf8.contains(UInt8(ascii: "+")) {
            // x/mod allows the v1 / v1.2 shorthands only without pre-release or build.
            let core = semverText.split(whereSeparator: { $0 == "-" || $0 == "+" }).first ?? ""
            if core.split(separator: ".").count != 3 {
                throw .invalidVersion(input, format: .go, reason: "a pre-release or build needs MAJOR.MINOR.PATCH")
            }
        }
        self.semantic = semantic
        self.text = trimmed
    }

    public var description: String { text }
    public var erased: Version { .go(self) }

    /// `vMAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
    public var canonical: String { "v" + semantic.canonical }

    /// Whether the build metadata is `+incompatible` (a v2+ module without a go.mod).
    public var isIncompatible: Bool { semantic.build == ["incompatible"] }

    /// Whether this is a pseudo-version (`…-yyyymmddhhmmss-abcdefabcdef`).
    public var isPseudoVersion: Bool { pseudoParts != nil }

    /// The commit timestamp (`yyyymmddhhmmss`) of a pseudo-version.
    public var pseudoTimestamp: String? { pseudoParts?.timestamp }

    /// The abbreviated commit hash of a pseudo-version.
    public var pseudoRevision: String? { pseudoParts?.revision }

    /// x/mod/module's pseudo-version shapes: `vX.0.0-T-R`, `vX.Y.Z-pre.0.T-R`, `vX.Y.Z-0.T-R`.
    private var pseudoParts: (timestamp: String, revision: String)? {
        let identifiers = semantic.prerelease
        guard let last = identifiers.last else { return nil }
        let pieces = last.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces[0].count == 14, pieces[0].utf8.allSatisfy(\.isASCIIDigit),
              !pieces[1].isEmpty, pieces[1].utf8.allSatisfy(\.isASCIIAlphanumeric) else { return nil }
        if identifiers.count == 1 {
            guard semantic.minor == 0, semantic.patch == 0 else { return nil }
        } else if identifiers[identifiers.count - 2] != "0" {
            return nil
        }
        return (String(pieces[0]), String(pieces[1]))
    }

    public func compare(to other: GoVersion) -> Int { semantic.compare(to: other.semantic) }

    public static func < (a: GoVersion, b: GoVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: GoVersion, b: GoVersion) -> Bool { a.compare(to: b) == 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(semantic) }

    /// `1.21rc2` → `1.21.0-rc.2`, `1.9beta1` → `1.9.0-beta.1`, `1.20` → `1.20.0`, `1.21.3` → `1.21.3`.
    private static func toolchainToSemver(_ name: Substring) -> String? {
        let bytes = Array(name.utf8)
        var index = 0
        var numbers: [String] = []
        while true {
            let start = index
            while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
            guard index > start else { return nil }
            numbers.append(String(decoding: bytes[start..<index], as: UTF8.self))
            if index < bytes.count, bytes[index] == UInt8(ascii: "."), numbers.count < 3 {
                index += 1
                continue
            }
            break
        }
        while numbers.count < 3 { numbers.append("0") }
        var result = numbers.joined(separator: ".")
        if index < bytes.count {
            let suffix = String(decoding: bytes[index...], as: UTF8.self)
            guard let label = ["alpha", "beta", "rc"].first(where: { suffix.hasPrefix($0) }) else { return nil }
            let number = suffix.dropFirst(label.count)
            guard !number.isEmpty, number.utf8.allSatisfy(\.isASCIIDigit) else { return nil }
            result += "-\(label).\(number)"
        }
        return result
    }
}
