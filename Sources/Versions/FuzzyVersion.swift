/// A lenient version for sources that follow no declared scheme: NVD CPE ranges and the versions
/// binary classifiers read out of executables (Grype's "fuzzy" comparator plays this role).
///
/// A version is a *release* — the leading dot-separated numbers — and an optional *suffix*, the
/// rest: `1.1.1t` is release `1.1.1` + `t`, `2.0-rc1` is `2.0` + `-rc1`, `12.6(1)` (Cisco) is
/// `12.6` + `(1)`. Ordering:
///
/// 1. Releases compare number by number, missing numbers reading as 0 (`1.0 == 1.0.0`, as in
///    SemVer); numbers of any length compare exactly.
/// 2. Then the suffix's class: a *pre-release* suffix (its first word is `alpha`, `beta`, `rc`,
///    `pre`, `preview`, `dev`, `snapshot`, `milestone`, `m`, `cr` or `ea`) sorts before the bare
///    release, any other suffix after it — OpenSSL's letter releases (`1.1.1t`), OpenSSH's `p1`,
///    service packs (`sp1`) and build numbers (`1.0.9-343`) are later than the release they
///    extend. Unlike SemVer a hyphen alone does not make a pre-release: a CPE range's
///    `8.6.2j-398` is a build, not a release candidate. Single `a`/`b` stay post-release because
///    OpenSSL's letters are far more common in images than Python's `3.12.0a1`.
/// 3. Within a class, suffixes compare token by token: runs of digits numerically, runs of
///    letters case-insensitively in ASCII order, a number before a word, and a shorter suffix
///    before a longer one it prefixes (`rc < rc1`). Punctuation only separates tokens, so
///    `2.0rc1`, `2.0-rc.1` and `2.0_RC1` are the same version.
///
/// A leading `v` before a digit is dropped. Anything else non-empty parses, except text the
/// constraint grammar could not carry (whitespace, `,`, `|`, a leading operator character) and the
/// bare wildcards `*` and `-` (CPE's ANY and NA, which are not versions).
public struct FuzzyVersion: VersionScheme {
    public static let format = VersionFormat.fuzzy

    /// The leading numbers, trailing zeros removed (so equal versions hash alike).
    let release: [DigitString]
    let suffixClass: SuffixClass
    let suffix: [Token]
    private let text: String

    /// Where a suffix puts a version relative to its bare release.
    enum SuffixClass: Int, Comparable, Hashable, Sendable {
        case prerelease = -1, none = 0, postrelease = 1
        static func < (a: SuffixClass, b: SuffixClass) -> Bool { a.rawValue < b.rawValue }
    }

    enum Token: Hashable, Sendable {
        case number(DigitString)
        /// Lowercased bytes.
        case word([UInt8])
    }

    /// Words that open a pre-release suffix, after lowercasing.
    private static let prereleaseWords: Set<String> = ["alpha", "beta", "rc", "pre", "preview", "dev", "snapshot", "milestone", "m", "cr", "ea"]

    public init(parsing input: String) throws(VersionError) {
        func fail(_ reason: String) -> VersionError { .invalidVersion(input, format: .fuzzy, reason: reason) }
        let trimmed = input.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw fail("version string is empty") }
        guard trimmed != "*", trimmed != "-" else { throw fail("\"\(trimmed)\" is a wildcard, not a version") }
        var bytes = Array(trimmed.utf8)
        if let bad = bytes.first(where: { $0.isASCIIWhitespace || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "|") }) {
            throw fail("contains \"\(Character(Unicode.Scalar(bad)))\", which the constraint grammar cannot carry")
        }
        if let first = bytes.first, [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!")].contains(first) {
            throw fail("starts with an operator character")
        }
        guard bytes.contains(where: { $0.isASCIIAlphanumeric || $0 >= 0x80 }) else { throw fail("has no letter or digit") }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "v") || bytes[0] == UInt8(ascii: "V"), bytes[1].isASCIIDigit {
            bytes.removeFirst()
        }

        // Release: digits ("." digits)*.
        var index = 0
        var release: [DigitString] = []
        while index < bytes.count, bytes[index].isASCIIDigit {
            let start = index
            while index < bytes.count, bytes[index].isASCIIDigit { index += 1 }
            release.append(DigitString(bytes[start..<index]))
            // Continue only through "." followed by a digit; anything else begins the suffix.
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."), bytes[index + 1].isASCIIDigit else { break }
            index += 1
        }
        while let last = release.last, last.isZero { release.removeLast() }

        let suffix = Self.tokens(bytes[index...])
        let suffixClass: SuffixClass
        switch suffix.first {
        case nil: suffixClass = .none
        case .word(let word)? where Self.prereleaseWords.contains(String(decoding: word, as: UTF8.self)): suffixClass = .prerelease
        default: suffixClass = .postrelease
        }
        self.release = release
        self.suffixClass = suffixClass
        self.suffix = suffix
        self.text = trimmed
    }

    /// Digit runs and letter runs; ASCII punctuation separates and is dropped. Bytes beyond ASCII
    /// count as letters so non-English suffixes still order deterministically.
    private static func tokens(_ bytes: ArraySlice<UInt8>) -> [Token] {
        var tokens: [Token] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte.isASCIIDigit {
                let start = index
                while index < bytes.endIndex, bytes[index].isASCIIDigit { index += 1 }
                tokens.append(.number(DigitString(bytes[start..<index])))
            } else if byte.isASCIILetter || byte >= 0x80 {
                var word: [UInt8] = []
                while index < bytes.endIndex, bytes[index].isASCIILetter || bytes[index] >= 0x80 {
                    word.append(bytes[index].asciiLowercased)
                    index += 1
                }
                tokens.append(.word(word))
            } else {
                index += 1
            }
        }
        return tokens
    }

    public var description: String { text }
    public var erased: Version { .fuzzy(self) }

    public func compare(to other: FuzzyVersion) -> Int {
        for position in 0..<max(release.count, other.release.count) {
            let a = position < release.count ? release[position] : .zero
            let b = position < other.release.count ? other.release[position] : .zero
            let order = DigitString.compare(a, b)
            if order != 0 { return order }
        }
        if suffixClass != other.suffixClass { return suffixClass < other.suffixClass ? -1 : 1 }
        for (x, y) in zip(suffix, other.suffix) {
            let order: Int
            switch (x, y) {
            case let (.number(m), .number(n)): order = DigitString.compare(m, n)
            case let (.word(m), .word(n)): order = compareBytes(m, n)
            case (.number, .word): order = -1
            case (.word, .number): order = 1
            }
            if order != 0 { return order }
        }
        if suffix.count == other.suffix.count { return 0 }
        return suffix.count < other.suffix.count ? -1 : 1
    }

    public static func < (a: FuzzyVersion, b: FuzzyVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: FuzzyVersion, b: FuzzyVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(release)
        hasher.combine(suffixClass)
        hasher.combine(suffix)
    }
}
