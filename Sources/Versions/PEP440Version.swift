/// A Python package version under PEP 440 (and the PyPA version specifiers spec), as `packaging.version.Version` reads it.
///
/// Accepts exactly what packaging's `VERSION_PATTERN` accepts (case-insensitive, surrounding
/// whitespace, `v` prefix, `N!` epoch, `a`/`alpha`/`b`/`beta`/`c`/`rc`/`pre`/`preview`
/// pre-releases, `-N` / `post` / `rev` / `r` post-releases, `dev`, `+local`, and `.`/`-`/`_`
/// separators where the pattern allows them) and orders by packaging's `_cmpkey`: epoch, release
/// with trailing zeros dropped, then dev-only < pre (a < b < rc) < release < post, a dev release
/// before the same version without it, and a local version after the same public version
/// (local segments: strings before numbers).
public struct PEP440Version: VersionScheme {
    public static let format = VersionFormat.pep440

    private let text: String
    private let epoch: DigitString
    private let release: [DigitString]
    private let pre: (label: PreLabel, number: DigitString)?
    private let post: DigitString?
    private let dev: DigitString?
    private let local: [LocalSegment]?

    enum PreLabel: Int, Sendable {
        case a = 0, b, rc
        var text: String { ["a", "b", "rc"][rawValue] }
    }

    enum LocalSegment: Hashable, Sendable {
        case number(DigitString)
        case string([UInt8])
    }

    public init(parsing input: String) throws(VersionError) {
        var parser = Parser(input)
        guard let parsed = parser.parse() else {
            throw .invalidVersion(input, format: .pep440, reason: "does not match PEP 440's version pattern")
        }
        text = input.trimmingPythonWhitespace()
        epoch = parsed.epoch
        release = parsed.release
        pre = parsed.pre
        post = parsed.post
        dev = parsed.dev
        local = parsed.local
    }

    public var description: String { text }
    public var erased: Version { .pep440(self) }

    /// The normalised form (`str(Version(...))` in packaging): `1!2.0rc1.post3.dev4+ubuntu.1`.
    public var normalized: String {
        var result = epoch.isZero ? "" : "\(epoch)!"
        result += release.map(\.description).joined(separator: ".")
        if let pre { result += pre.label.text + pre.number.description }
        if let post { result += ".post\(post)" }
        if let dev { result += ".dev\(dev)" }
        if let local {
            result += "+" + local.map { segment in
                switch segment {
                case let .number(n): n.description
                case let .string(s): String(decoding: s, as: UTF8.self)
                }
            }.joined(separator: ".")
        }
        return result
    }

    /// Whether this is a pre-release or development release (packaging's `is_prerelease`).
    public var isPrerelease: Bool { pre != nil || dev != nil }
    public var isPostRelease: Bool { post != nil }
    public var isDevRelease: Bool { dev != nil }
    /// Whether a `+local` label is present.
    public var hasLocal: Bool { local != nil }

    /// packaging's `_cmpkey`: (epoch, release without trailing zeros, suffix, local).
    private var trimmedRelease: ArraySlice<DigitString> {
        var end = release.count
        while end > 0, release[end - 1].isZero { end -= 1 }
        return release[..<end]
    }

    /// (pre rank, pre number, post rank, post number, dev rank, dev number).
    private var suffix: (Int, DigitString, Int, DigitString, Int, DigitString) {
        let preRank: Int
        let preNumber: DigitString
        if let pre {
            preRank = pre.label.rawValue
            preNumber = pre.number
        } else if post == nil, dev != nil {
            preRank = -1
            preNumber = .zero
        } else {
            preRank = 3
            preNumber = .zero
        }
        return (preRank, preNumber, post == nil ? 0 : 1, post ?? .zero, dev == nil ? 1 : 0, dev ?? .zero)
    }

    public func compare(to other: PEP440Version) -> Int {
        var order = DigitString.compare(epoch, other.epoch)
        if order != 0 { return order }
        let a = trimmedRelease
        let b = other.trimmedRelease
        for (x, y) in zip(a, b) {
            order = DigitString.compare(x, y)
            if order != 0 { return order }
        }
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        let s = suffix
        let t = other.suffix
        if s.0 != t.0 { return s.0 < t.0 ? -1 : 1 }
        order = DigitString.compare(s.1, t.1)
        if order != 0 { return order }
        if s.2 != t.2 { return s.2 < t.2 ? -1 : 1 }
        order = DigitString.compare(s.3, t.3)
        if order != 0 { return order }
        if s.4 != t.4 { return s.4 < t.4 ? -1 : 1 }
        order = DigitString.compare(s.5, t.5)
        if order != 0 { return order }
        switch (local, other.local) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?):
            for (m, n) in zip(x, y) {
                switch (m, n) {
                case let (.number(p), .number(q)): order = DigitString.compare(p, q)
                case let (.string(p), .string(q)): order = compareBytes(p, q)
                case (.string, .number): order = -1
                case (.number, .string): order = 1
                }
                if order != 0 { return order }
            }
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            return 0
        }
    }

    public static func < (a: PEP440Version, b: PEP440Version) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: PEP440Version, b: PEP440Version) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(Array(trimmedRelease))
        let s = suffix
        hasher.combine(s.0)
        hasher.combine(s.1)
        hasher.combine(s.2)
        hasher.combine(s.3)
        hasher.combine(s.4)
        hasher.combine(s.5)
        hasher.combine(local)
    }

    /// A hand-written matcher for packaging's possessive `VERSION_PATTERN` (each optional group
    /// is atomic: once it matched, it is never re-tried shorter).
    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        let simple: Bool

        init(_ input: String) {
            // packaging's fast path: digits and dots only, no whitespace stripping.
            simple = input.utf8.allSatisfy { $0.isASCIIDigit || $0 == UInt8(ascii: ".") }
            bytes = Array(input.trimmingPythonWhitespace().utf8).map(\.asciiLowercased)
        }

        struct Parsed {
            var epoch = DigitString.zero
            var release: [DigitString] = []
            var pre: (label: PreLabel, number: DigitString)?
            var post: DigitString?
            var dev: DigitString?
            var local: [LocalSegment]?
        }

        private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        private func isSeparator(_ c: UInt8?) -> Bool {
            c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }

        private mutating func digits() -> DigitString? {
            let start = position
            while let c = current, c.isASCIIDigit { position += 1 }
            return position > start ? DigitString(bytes[start..<position]) : nil
        }

        /// The first of `words` (in the pattern's alternation order) at the cursor, consumed.
        private mutating func word(_ words: [String]) -> String? {
            for word in words {
                let w = Array(word.utf8)
                if position + w.count <= bytes.count, bytes[position..<(position + w.count)].elementsEqual(w) {
                    position += w.count
                    return word
                }
            }
            return nil
        }

        mutating func parse() -> Parsed? {
            var result = Parsed()
            if simple {
                let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
                guard !bytes.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
                result.release = parts.map { DigitString($0) }
                return result
            }
            if current == UInt8(ascii: "v") { position += 1 }
            // epoch: digits "!" (atomic optional group)
            let epochStart = position
            if let number = digits(), current == UInt8(ascii: "!") {
                result.epoch = number
                position += 1
            } else {
                position = epochStart
            }
            // release: N(.N)*
            guard let first = digits() else { return nil }
            result.release = [first]
            while current == UInt8(ascii: "."), position + 1 < bytes.count, bytes[position + 1].isASCIIDigit {
                position += 1
                if let number = digits() { result.release.append(number) }
            }
            // pre: [._-]? (alpha|a|beta|b|preview|pre|c|rc) [._-]? N?
            let preStart = position
            if isSeparator(current) { position += 1 }
            if let label = word(["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"]) {
                if isSeparator(current) { position += 1 }
                let number = digits() ?? .zero
                let normalized: PreLabel = switch label {
                case "alpha", "a": .a
                case "beta", "b": .b
                default: .rc
                }
                result.pre = (normalized, number)
            } else {
                position = preStart
            }
            // post: -N | [._-]? (post|rev|r) [._-]? N?
            let postStart = position
            if current == UInt8(ascii: "-"), position + 1 < bytes.count, bytes[position + 1].isASCIIDigit {
                position += 1
                result.post = digits()
            } else {
                if isSeparator(current) { position += 1 }
                if word(["post", "rev", "r"]) != nil {
                    if isSeparator(current) { position += 1 }
                    result.post = digits() ?? .zero
                } else {
                    position = postStart
                }
            }
            // dev: [._-]? dev [._-]? N?
            let devStart = position
            if isSeparator(current) { position += 1 }
            if word(["dev"]) != nil {
                if isSeparator(current) { position += 1 }
                result.dev = digits() ?? .zero
            } else {
                position = devStart
            }
            // local: + [a-z0-9]+ ([._-][a-z0-9]+)*
            if current == UInt8(ascii: "+") {
                position += 1
                var segments: [LocalSegment] = []
                while true {
                    let start = position
                    while let c = current, c.isASCIIAlphanumeric { position += 1 }
                    guard position > start else { return nil }
                    let segment = bytes[start..<position]
                    segments.append(segment.allSatisfy(\.isASCIIDigit) ? .number(DigitString(segment)) : .string(Array(segment)))
                    guard isSeparator(current), position + 1 < bytes.count, bytes[position + 1].isASCIIAlphanumeric else { break }
                    position += 1
                }
                result.local = segments
            }
            return position == bytes.count ? result : nil
        }
    }
}
