/// A NuGet package version, `Major.Minor[.Patch[.Revision]][-Release][+Metadata]`, ordered like NuGet.Versioning.
///
/// `NuGetVersion.TryParse` accepts one to four numeric parts (leading zeros allowed, each an
/// `Int32`), SemVer 2.0 release labels and metadata. `VersionComparer.Default` compares the four
/// numbers (missing ones are 0), then a release sorts after any pre-release, and labels compare
/// part by part: numbers numerically and before text, text case-insensitively (`1.0.0-BETA` equals
/// `1.0.0-beta`); metadata is ignored.
public struct NuGetVersion: VersionScheme {
    public static let format = VersionFormat.nuget

    public let major: Int
    public let minor: Int
    public let patch: Int
    public let revision: Int
    /// The release label parts (`["beta", "2"]` for `-beta.2`).
    public let releaseLabels: [String]
    public let metadata: String?
    private let text: String

    public init(parsing input: String) throws(VersionError) {
        func fail(_ reason: String) -> VersionError { .invalidVersion(input, format: .nuget, reason: reason) }
        let trimmed = input.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw fail("version string is empty") }
        var rest = Substring(trimmed)
        var metadata: String?
        if let plus = rest.firstIndex(of: "+") {
            metadata = String(rest[rest.index(after: plus)...])
            rest = rest[..<plus]
            guard let metadata, Self.validIdentifiers(metadata) else { throw fail("invalid metadata") }
        }
        var labels: [String] = []
        if let hyphen = rest.firstIndex(of: "-") {
            let label = rest[rest.index(after: hyphen)...]
            guard Self.validIdentifiers(label) else { throw fail("invalid release label \"\(label)\"") }
            labels = label.split(separator: ".").map(String.init)
            rest = rest[..<hyphen]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { throw fail("expected 1 to 4 numeric parts") }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.utf8.allSatisfy(\.isASCIIDigit),
                  let value = DigitString(part).intValue, value <= Int(Int32.max) else {
                throw fail("\"\(part)\" is not a version number part")
            }
            numbers.append(value)
        }
        while numbers.count < 4 { numbers.append(0) }
        major = numbers[0]
        minor = numbers[1]
        patch = numbers[2]
        revision = numbers[3]
        releaseLabels = labels
        self.metadata = metadata
        text = trimmed
    }

    private static func validIdentifiers(_ text: Substring) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") }
        }
    }

    private static func validIdentifiers(_ text: String) -> Bool { validIdentifiers(Substring(text)) }

    public var description: String { text }
    public var erased: Version { .nuget(self) }

    public var isPrerelease: Bool { !releaseLabels.isEmpty }

    /// NuGet's normalised string: three parts (four when the revision is not 0), labels, metadata.
    public var normalized: String {
        var result = "\(major).\(minor).\(patch)"
        if revision != 0 { result += ".\(revision)" }
        if !releaseLabels.isEmpty { result += "-" + releaseLabels.joined(separator: ".") }
        if let metadata { result += "+" + metadata }
        return result
    }

    public func compare(to other: NuGetVersion) -> Int {
        for (a, b) in zip([major, minor, patch, revision], [other.major, other.minor, other.patch, other.revision]) where a != b {
            return a < b ? -1 : 1
        }
        switch (releaseLabels.isEmpty, other.releaseLabels.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for index in 0..<max(releaseLabels.count, other.releaseLabels.count) {
            guard index < releaseLabels.count else { return -1 }
            guard index < other.releaseLabels.count else { return 1 }
            let order = Self.compareLabel(releaseLabels[index], other.releaseLabels[index])
            if order != 0 { return order }
        }
        return 0
    }

    /// `VersionComparer.CompareRelease`: `Int32.TryParse` numbers first, else OrdinalIgnoreCase.
    private static func compareLabel(_ a: String, _ b: String) -> Int {
        let x = int32(a)
        let y = int32(b)
        switch (x, y) {
        case let (x?, y?): return x == y ? 0 : (x < y ? -1 : 1)
        case (_?, nil): return -1
        case (nil, _?): return 1
        case (nil, nil): return compareBytes(a.utf8.map(uppercased), b.utf8.map(uppercased))
        }
    }

    private static func uppercased(_ c: UInt8) -> UInt8 { (c >= 0x61 && c <= 0x7A) ? c - 0x20 : c }

    private static func int32(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.allSatisfy(\.isASCIIDigit), let value = DigitString(s).intValue, value <= Int(Int32.max) else {
            return nil
        }
        return value
    }

    public static func < (a: NuGetVersion, b: NuGetVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: NuGetVersion, b: NuGetVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(revision)
        for label in releaseLabels {
            if let number = Self.int32(label) { hasher.combine(number) } else { hasher.combine(label.uppercased()) }
        }
    }
}
