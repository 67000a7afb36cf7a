/// A Debian package version, `[epoch:]upstream_version[-debian_revision]`, ordered like dpkg.
///
/// Implements deb-version(5) and dpkg's `parseversion()`/`verrevcmp()` (lib/dpkg/version.c and
/// parsehelp.c): the epoch compares numerically; upstream version and revision compare by
/// alternating non-digit parts (letters before non-letters, `~` before everything, even the end
/// of the part) and digit parts (numerically). The epoch ends at the first colon, the revision
/// starts after the last hyphen; `1.0-0` equals `1.0` and `0:1.0` equals `1.0`.
///
/// Like dpkg, parsing rejects an empty string, embedded spaces, an empty or non-numeric epoch,
/// an empty upstream version or revision, and characters outside deb-version(5)'s sets. dpkg
/// only warns when the upstream version does not start with a digit, so that is accepted.
public struct DebianVersion: VersionScheme {
    public static let format = VersionFormat.deb

    /// The epoch, 0 when absent.
    public let epoch: Int
    /// The upstream version.
    public let upstream: String
    /// The Debian revision, empty when absent.
    public let revision: String
    private let text: String
    private let upstreamBytes: [UInt8]
    private let revisionBytes: [UInt8]

    public init(parsing input: String) throws(VersionError) {
        func fail(_ reason: String) -> VersionError { .invalidVersion(input, format: .deb, reason: reason) }
        let trimmed = input.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw fail("version string is empty") }
        var bytes = Array(trimmed.utf8)
        if bytes.contains(where: \.isASCIIWhitespace) { throw fail("version string has embedded spaces") }

        var epoch = 0
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let digits = bytes[..<colon]
            guard !digits.isEmpty else { throw fail("epoch in version is empty") }
            guard digits.allSatisfy(\.isASCIIDigit) else { throw fail("epoch in version is not number") }
            guard let value = DigitString(digits).intValue, value <= Int(Int32.max) else {
                throw fail("epoch in version is too big")
            }
            guard colon + 1 < bytes.count else { throw fail("nothing after colon in version number") }
            epoch = value
            bytes = Array(bytes[(colon + 1)...])
        }
        var upstream = bytes
        var revision: [UInt8] = []
        if let hyphen = bytes.lastIndex(of: UInt8(ascii: "-")) {
            upstream = Array(bytes[..<hyphen])
            revision = Array(bytes[(hyphen + 1)...])
            guard !revision.isEmpty else { throw fail("revision number is empty") }
        }
        guard !upstream.isEmpty else { throw fail("version number is empty") }
        if let bad = upstream.first(where: { !($0.isASCIIAlphanumeric || Self.upstreamPunctuation.contains($0)) }) {
            throw fail("invalid character '\(Character(Unicode.Scalar(bad)))' in version number")
        }
        if let bad = revision.first(where: { !($0.isASCIIAlphanumeric || Self.revisionPunctuation.contains($0)) }) {
            throw fail("invalid character '\(Character(Unicode.Scalar(bad)))' in revision number")
        }
        self.epoch = epoch
        self.upstream = String(decoding: upstream, as: UTF8.self)
        self.revision = String(decoding: revision, as: UTF8.self)
        self.text = trimmed
        self.upstreamBytes = upstream
        self.revisionBytes = revision
    }

    private static let upstreamPunctuation = Set(".-+~:".utf8)
    private static let revisionPunctuation = Set(".+~".utf8)

    public var description: String { text }
    public var erased: Version { .deb(self) }

    public func compare(to other: DebianVersion) -> Int {
        if epoch != other.epoch { return epoch < other.epoch ? -1 : 1 }
        let upstreamOrder = Self.verrevcmp(upstreamBytes, other.upstreamBytes)
        if upstreamOrder != 0 { return upstreamOrder }
        return Self.verrevcmp(revisionBytes, other.revisionBytes)
    }

    public static func < (a: DebianVersion, b: DebianVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: DebianVersion, b: DebianVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        Self.hashParts(upstreamBytes, into: &hasher)
        hasher.combine(0xFF as UInt8)
        Self.hashParts(revisionBytes, into: &hasher)
    }

    /// dpkg's `order()`: digits and the end sort as 0, `~` as -1, letters by code, others after letters.
    private static func order(_ c: UInt8?) -> Int {
        guard let c else { return 0 }
        if c.isASCIIDigit { return 0 }
        if c.isASCIILetter { return Int(c) }
        if c == UInt8(ascii: "~") { return -1 }
        return Int(c) + 256
    }

    /// dpkg's `verrevcmp()`, returning -1, 0 or 1.
    static func verrevcmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            var firstDiff = 0
            while (i < a.count && !a[i].isASCIIDigit) || (j < b.count && !b[j].isASCIIDigit) {
                let ac = order(i < a.count ? a[i] : nil)
                let bc = order(j < b.count ? b[j] : nil)
                if ac != bc { return ac < bc ? -1 : 1 }
                i += 1
                j += 1
            }
            while i < a.count, a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.count, b[j] == UInt8(ascii: "0") { j += 1 }
            while i < a.count, a[i].isASCIIDigit, j < b.count, b[j].isASCIIDigit {
                if firstDiff == 0, a[i] != b[j] { firstDiff = a[i] < b[j] ? -1 : 1 }
                i += 1
                j += 1
            }
            if i < a.count, a[i].isASCIIDigit { return 1 }
            if j < b.count, b[j].isASCIIDigit { return -1 }
            if firstDiff != 0 { return firstDiff }
        }
        return 0
    }

    /// Hashes the (non-digit, number) pairs of a part, dropping trailing ("", 0) pairs, which is
    /// exactly what `verrevcmp` treats as equal.
    private static func hashParts(_ bytes: [UInt8], into hasher: inout Hasher) {
        var parts: [([UInt8], DigitString)] = []
        var i = 0
        while i < bytes.count {
            let start = i
            while i < bytes.count, !bytes[i].isASCIIDigit { i += 1 }
            let text = Array(bytes[start..<i])
            let digitStart = i
            while i < bytes.count, bytes[i].isASCIIDigit { i += 1 }
            parts.append((text, DigitString(bytes[digitStart..<i])))
        }
        while let last = parts.last, last.0.isEmpty, last.1.isZero { parts.removeLast() }
        for (text, number) in parts {
            hasher.combine(text)
            hasher.combine(number)
        }
    }
}
