/// A Semantic Versioning 2.0.0 version, `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
///
/// Ordering is semver.org §11: numeric core, then a pre-release sorts before its release;
/// pre-release identifiers compare numerically when all digits, otherwise in ASCII order, numeric
/// before alphanumeric, and a shorter list first when one is a prefix of the other. Build
/// metadata is kept but ignored for ordering and equality.
///
/// Parsing is lenient where feeds are: a leading `v`/`V` and surrounding whitespace are dropped,
/// `MINOR` and `PATCH` may be missing (read as 0) and leading zeros are read as numbers.
public struct SemanticVersion: VersionScheme {
    public static let format = VersionFormat.semver

    public let major: Int
    public let minor: Int
    public let patch: Int
    /// The pre-release identifiers (`["rc", "1"]` for `-rc.1`); empty for a release.
    public let prerelease: [String]
    /// The build metadata identifiers; ignored for ordering.
    public let build: [String]
    private let text: String
    private let prereleaseKeys: [Identifier]

    public init(parsing input: String) throws(VersionError) {
        try self.init(input, format: .semver, requireAllComponents: false)
    }

    /// Parses `input`, reporting errors as `format` (Go and NuGet share this parser).
    init(_ input: String, format: VersionFormat, requireAllComponents: Bool, allowPrefix: Bool = true) throws(VersionError) {
        func fail(_ reason: String) -> VersionError { .invalidVersion(input, format: format, reason: reason) }
        let trimmed = input.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw fail("version string is empty") }
        var rest = Substring(trimmed)
        if allowPrefix, let first = rest.first, first == "v" || first == "V" { rest = rest.dropFirst() }

        var buildPart: Substring?
        if let plus = rest.firstIndex(of: "+") {
            buildPart = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prePart: Substring?
        if let hyphen = rest.firstIndex(of: "-") {
            prePart = rest[rest.index(after: hyphen)...]
            rest = rest[..<hyphen]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (requireAllComponents ? 3...3 : 1...3).contains(core.count) else {
            throw fail(requireAllComponents ? "expected MAJOR.MINOR.PATCH" : "expected MAJOR[.MINOR[.PATCH]]")
        }
        var numbers: [Int] = []
        for part in core {
            guard !part.isEmpty, part.utf8.allSatisfy(\.isASCIIDigit) else {
                throw fail("version core component \"\(part)\" is not a number")
            }
            guard let value = DigitString(part).intValue else { throw fail("version core component \"\(part)\" is too large") }
            numbers.append(value)
        }
        while numbers.count < 3 { numbers.append(0) }

        var prerelease: [String] = []
        if let prePart {
            prerelease = prePart.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            try Self.validateIdentifiers(prerelease, kind: "pre-release", fail: fail)
        }
        var build: [String] = []
        if let buildPart {
            build = buildPart.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            try Self.validateIdentifiers(build, kind: "build metadata", fail: fail)
        }
        self.major = numbers[0]
        self.minor = numbers[1]
        self.patch = numbers[2]
        self.prerelease = prerelease
        self.build = build
        self.text = trimmed
        self.prereleaseKeys = prerelease.map(Identifier.init)
    }

    private static func validateIdentifiers(_ identifiers: [String], kind: String, fail: (String) -> VersionError) throws(VersionError) {
        for identifier in identifiers {
            guard !identifier.isEmpty else { throw fail("empty \(kind) identifier") }
            guard identifier.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") }) else {
                throw fail("\(kind) identifier \"\(identifier)\" may hold only [0-9A-Za-z-]")
            }
        }
    }

    public var description: String { text }
    public var erased: Version { .semver(self) }

    /// Whether this is a pre-release.
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]` with all three core numbers and no prefix.
    public var canonical: String {
        var result = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { result += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { result += "+" + build.joined(separator: ".") }
        return result
    }

    public func compare(to other: SemanticVersion) -> Int {
        if major != other.major { return major < other.major ? -1 : 1 }
        if minor != other.minor { return minor < other.minor ? -1 : 1 }
        if patch != other.patch { return patch < other.patch ? -1 : 1 }
        return Self.comparePrerelease(prereleaseKeys, other.prereleaseKeys)
    }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: SemanticVersion, b: SemanticVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prereleaseKeys)
    }

    /// A pre-release identifier as §11 compares it.
    enum Identifier: Hashable, Sendable {
        case numeric(DigitString)
        case alphanumeric([UInt8])

        init(_ text: String) {
            if text.utf8.allSatisfy(\.isASCIIDigit) {
                self = .numeric(DigitString(text))
            } else {
                self = .alphanumeric(Array(text.utf8))
            }
        }
    }

    /// §11.3–11.4: a release (no identifiers) sorts after any pre-release.
    static func comparePrerelease(_ a: [Identifier], _ b: [Identifier]) -> Int {
        if a.isEmpty || b.isEmpty {
            if a.isEmpty && b.isEmpty { return 0 }
            return a.isEmpty ? 1 : -1
        }
        for (x, y) in zip(a, b) {
            let order: Int
            switch (x, y) {
            case let (.numeric(m), .numeric(n)): order = DigitString.compare(m, n)
            case let (.alphanumeric(m), .alphanumeric(n)): order = compareBytes(m, n)
            case (.numeric, .alphanumeric): order = -1
            case (.alphanumeric, .numeric): order = 1
            }
            if order != 0 { return order }
        }
        if a.count == b.count { return 0 }
        return a.count < b.count ? -1 : 1
    }
}
