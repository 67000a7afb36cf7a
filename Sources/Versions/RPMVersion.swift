/// An RPM `[epoch:]version[-release]` (EVR), ordered like rpm.
///
/// Splitting follows rpm's `parseEVR()` (leading digits then `:` make the epoch, the release
/// starts after the last `-`); each part compares with `rpmvercmp()` (rpmio/rpmvercmp.c, rpm
/// 4.18): alphanumeric segments, separators ignored, numbers longer-wins after leading zeros,
/// numbers newer than letters, `~` sorting before everything (even the end) and `^` after the end
/// but before any further segment. Like `rpm.labelCompare`, a missing epoch is 0 and a missing
/// release sorts before any release (so `1.0` < `1.0-1`).
public struct RPMVersion: VersionScheme {
    public static let format = VersionFormat.rpm

    /// The epoch as written, nil when absent (compared as 0).
    public let epoch: Int?
    public let version: String
    /// The release, nil when absent.
    public let release: String?
    private let text: String
    private let versionTokens: [Token]
    private let releaseTokens: [Token]?

    public init(parsing input: String) throws(VersionError) {
        func fail(_ reason: String) -> VersionError { .invalidVersion(input, format: .rpm, reason: reason) }
        let trimmed = input.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw fail("version string is empty") }
        let bytes = Array(trimmed.utf8)
        if bytes.contains(where: \.isASCIIWhitespace) { throw fail("version string has embedded spaces") }
        var start = 0
        var epoch: Int?
        let leadingDigits = bytes.prefix(while: \.isASCIIDigit).count
        if leadingDigits < bytes.count, bytes[leadingDigits] == UInt8(ascii: ":") {
            if leadingDigits == 0 {
                epoch = 0
            } else {
                guard let value = DigitString(bytes[..<leadingDigits]).intValue, value <= Int(Int32.max) else {
                    throw fail("epoch is too big")
                }
                epoch = value
            }
            start = leadingDigits + 1
        } else if bytes.contains(UInt8(ascii: ":")) {
            throw fail("epoch is not a number")
        }
        var versionBytes = Array(bytes[start...])
        var releaseBytes: [UInt8]?
        if let hyphen = versionBytes.lastIndex(of: UInt8(ascii: "-")) {
            releaseBytes = Array(versionBytes[(hyphen + 1)...])
            versionBytes = Array(versionBytes[..<hyphen])
        }
        guard !versionBytes.isEmpty else { throw fail("version is empty") }
        self.epoch = epoch
        self.version = String(decoding: versionBytes, as: UTF8.self)
        self.release = releaseBytes.map { String(decoding: $0, as: UTF8.self) }
        self.text = trimmed
        self.versionTokens = Self.tokens(versionBytes)
        self.releaseTokens = releaseBytes.map(Self.tokens)
    }

    public var description: String { text }
    public var erased: Version { .rpm(self) }

    public func compare(to other: RPMVersion) -> Int {
        let e1 = epoch ?? 0
        let e2 = other.epoch ?? 0
        if e1 != e2 { return e1 < e2 ? -1 : 1 }
        let order = Self.rpmvercmp(versionTokens, other.versionTokens)
        if order != 0 { return order }
        switch (releaseTokens, other.releaseTokens) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (a?, b?): return Self.rpmvercmp(a, b)
        }
    }

    public static func < (a: RPMVersion, b: RPMVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: RPMVersion, b: RPMVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch ?? 0)
        hasher.combine(versionTokens)
        hasher.combine(releaseTokens)
    }

    /// One segment as `rpmvercmp` sees it; separators (any other byte) are dropped.
    enum Token: Hashable, Sendable {
        case tilde
        case caret
        case number(DigitString)
        case letters([UInt8])
    }

    static func tokens(_ bytes: [UInt8]) -> [Token] {
        var result: [Token] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "~") {
                result.append(.tilde)
                i += 1
            } else if c == UInt8(ascii: "^") {
                result.append(.caret)
                i += 1
            } else if c.isASCIIDigit {
                let start = i
                while i < bytes.count, bytes[i].isASCIIDigit { i += 1 }
                result.append(.number(DigitString(bytes[start..<i])))
            } else if c.isASCIILetter {
                let start = i
                while i < bytes.count, bytes[i].isASCIILetter { i += 1 }
                result.append(.letters(Array(bytes[start..<i])))
            } else {
                i += 1
            }
        }
        return result
    }

    /// `rpmvercmp()` over pre-split segments: -1, 0 or 1.
    static func rpmvercmp(_ a: [Token], _ b: [Token]) -> Int {
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let x = i < a.count ? a[i] : nil
            let y = j < b.count ? b[j] : nil
            if x == .tilde || y == .tilde {
                if x != .tilde { return 1 }
                if y != .tilde { return -1 }
                i += 1
                j += 1
                continue
            }
            if x == .caret || y == .caret {
                if x == nil { return -1 }
                if y == nil { return 1 }
                if x != .caret { return 1 }
                if y != .caret { return -1 }
                i += 1
                j += 1
                continue
            }
            guard let x, let y else { break }
            switch (x, y) {
            case let (.number(m), .number(n)):
                let order = DigitString.compare(m, n)
                if order != 0 { return order }
            case let (.letters(m), .letters(n)):
                let order = compareBytes(m, n)
                if order != 0 { return order }
            case (.number, _): return 1
            default: return -1
            }
            i += 1
            j += 1
        }
        if i >= a.count, j >= b.count { return 0 }
        return i >= a.count ? -1 : 1
    }
}
