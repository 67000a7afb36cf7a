/// A RubyGems version, ordered like `Gem::Version#<=>` (rubygems/version.rb).
///
/// Valid versions match `Gem::Version::ANCHORED_VERSION_PATTERN`
/// (`[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`); a `-` reads as `.pre.`.
/// Segments are runs of digits (numbers) or letters (strings); trailing zeros of the numeric
/// part and of the part from the first string on are dropped (`canonical_segments`), then
/// segments compare pairwise with missing ones as 0: a string sorts before a number, so any
/// version with letters is a pre-release of the numeric prefix (`1.0.a < 1.0`).
public struct GemVersion: VersionScheme {
    public static let format = VersionFormat.gem

    private let text: String
    private let segments: [Segment]

    enum Segment: Hashable, Sendable {
        case number(DigitString)
        case string([UInt8])
    }

    public init(parsing input: String) throws(VersionError) {
        let trimmed = input.trimmingASCIIWhitespace()
        guard Self.matchesPattern(Array(trimmed.utf8)) else {
            throw .invalidVersion(input, format: .gem, reason: "does not match Gem::Version's pattern")
        }
        text = trimmed
        segments = Self.canonicalSegments(trimmed)
    }

    public var description: String { text }
    public var erased: Version { .gem(self) }

    /// `Gem::Version#prerelease?`: the version contains a letter (a `-` reads as `.pre.`).
    public var isPrerelease: Bool { text.utf8.contains { $0.isASCIILetter || $0 == UInt8(ascii: "-") } }

    public func compare(to other: GemVersion) -> Int {
        let count = max(segments.count, other.segments.count)
        for index in 0..<count {
            let l = index < segments.count ? segments[index] : .number(.zero)
            let r = index < other.segments.count ? other.segments[index] : .number(.zero)
            switch (l, r) {
            case let (.number(a), .number(b)):
                let order = DigitString.compare(a, b)
                if order != 0 { return order }
            case let (.string(a), .string(b)):
                let order = compareBytes(a, b)
                if order != 0 { return order }
            case (.string, .number): return -1
            case (.number, .string): return 1
            }
        }
        return 0
    }

    public static func < (a: GemVersion, b: GemVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: GemVersion, b: GemVersion) -> Bool { a.compare(to: b) == 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(segments) }

    /// `\A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z`, minus the
    /// empty version (which RubyGems reads as "0" but no feed means).
    private static func matchesPattern(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let start = i
        while i < bytes.count, bytes[i].isASCIIDigit { i += 1 }
        guard i > start else { return false }
        while i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            let segmentStart = i + 1
            var j = segmentStart
            while j < bytes.count, bytes[j].isASCIIAlphanumeric { j += 1 }
            guard j > segmentStart else { return false }
            i = j
        }
        if i == bytes.count { return true }
        guard bytes[i] == UInt8(ascii: "-") else { return false }
        i += 1
        // -[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*
        var needIdentifier = true
        while i < bytes.count {
            let c = bytes[i]
            if c.isASCIIAlphanumeric || c == UInt8(ascii: "-") {
                needIdentifier = false
            } else if c == UInt8(ascii: "."), !needIdentifier {
                needIdentifier = true
            } else {
                return false
            }
            i += 1
        }
        return !needIdentifier
    }

    /// `canonical_segments`: scan `[0-9]+|[a-z]+` (after `-` → `.pre.`), then drop trailing
    /// zeros of the numeric prefix and of the rest separately.
    private static func canonicalSegments(_ text: String) -> [Segment] {
        let bytes = Array(text.utf8)
        var scanned: [Segment] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "-") {
                scanned.append(.string(Array("pre".utf8)))
                i += 1
            } else if c.isASCIIDigit {
                let start = i
                while i < bytes.count, bytes[i].isASCIIDigit { i += 1 }
                scanned.append(.number(DigitString(bytes[start..<i])))
            } else if c.isASCIILetter {
                let start = i
                while i < bytes.count, bytes[i].isASCIILetter { i += 1 }
                scanned.append(.string(Array(bytes[start..<i])))
            } else {
                i += 1
            }
        }
        let firstString = scanned.firstIndex { if case .string = $0 { true } else { false } } ?? scanned.count
        func dropTrailingZeros(_ part: ArraySlice<Segment>) -> [Segment] {
            var result = Array(part)
            while let last = result.last, case let .number(n) = last, n.isZero { result.removeLast() }
            return result
        }
        return dropTrailingZeros(scanned[..<firstString]) + dropTrailingZeros(scanned[firstString...])
    }
}
