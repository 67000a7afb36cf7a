/// A Composer (Packagist) version, normalised like composer/semver and ordered like PHP's `version_compare`.
///
/// `VersionParser::normalize()`: a `v` prefix, `as` aliases, `@stability` flags and `+build`
/// metadata are dropped; `1.2` becomes `1.2.0.0`; stability suffixes are spelled out
/// (`1.0b2` → `1.0.0.0-beta2`, `1.0-p1`/`-pl1` → `-patch1`, `RC` upper-case) and may end in `-dev`;
/// date versions keep their digits (`2023.01.05`); `1.x-dev` becomes `1.9999999.9999999.9999999-dev`;
/// `dev-master`/`trunk`/`default` sort as `9999999-dev` (`normalizeDefaultBranch`).
/// Normalised versions compare with `version_compare` (ext/standard/versioning.c):
/// `dev < alpha = a < beta = b < RC = rc < (number) < pl = p`.
///
/// Other `dev-<branch>` names are not ordered against numbered versions by Composer; here they
/// sort before every numbered version and among themselves by name.
public struct ComposerVersion: VersionScheme {
    public static let format = VersionFormat.composer

    private let text: String
    /// The normalised version (`1.2.0.0-beta2`, `dev-feature`).
    public let normalized: String

    public init(parsing input: String) throws(VersionError) {
        guard let normalized = Self.normalize(input) else {
            throw .invalidVersion(input, format: .composer, reason: "not a version Composer can normalise")
        }
        text = input.trimmingASCIIWhitespace()
        self.normalized = normalized
    }

    public var description: String { text }
    public var erased: Version { .composer(self) }

    /// Whether this names a branch (`dev-…`) rather than a numbered version.
    public var isBranch: Bool { normalized.hasPrefix("dev-") }

    /// The stability: `dev`, `alpha`, `beta`, `RC` or `stable` (`VersionParser::parseStability`).
    public var stability: String {
        let lower = normalized.lowercased()
        if lower.hasPrefix("dev-") || lower.hasSuffix("-dev") { return "dev" }
        for (needle, name) in [("-beta", "beta"), ("-alpha", "alpha"), ("-rc", "RC")] where lower.contains(needle) {
            return name
        }
        return "stable"
    }

    private var comparable: String {
        switch normalized {
        case "dev-master", "dev-trunk", "dev-default": "9999999-dev"
        default: normalized
        }
    }

    public func compare(to other: ComposerVersion) -> Int {
        let a = comparable
        let b = other.comparable
        switch (a.hasPrefix("dev-"), b.hasPrefix("dev-")) {
        case (true, true): return compareBytes(a.utf8, b.utf8)
        case (true, false): return -1
        case (false, true): return 1
        case (false, false): return Self.versionCompare(a, b)
        }
    }

    public static func < (a: ComposerVersion, b: ComposerVersion) -> Bool { a.compare(to: b) < 0 }
    public static func == (a: ComposerVersion, b: ComposerVersion) -> Bool { a.compare(to: b) == 0 }

    public func hash(into hasher: inout Hasher) {
        let value = comparable
        if value.hasPrefix("dev-") {
            hasher.combine(value)
        } else {
            // version_compare's equality: the same canonical parts, letters by special-form rank.
            for part in Self.canonicalize(Array(value.utf8)).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                if let first = part.first, first.isASCIIDigit {
                    hasher.combine(Self.strtol(part))
                } else {
                    hasher.combine(-100 + Self.specialForm(part))
                }
            }
        }
    }

    // MARK: PHP version_compare

    /// `php_canonicalize_version()`: `-`/`_`/`+` become `.`, a `.` goes between letters and digits,
    /// other non-alphanumerics become `.`, runs of `.` collapse.
    static func canonicalize(_ version: [UInt8]) -> [UInt8] {
        guard let first = version.first else { return [] }
        func isDigit(_ c: UInt8) -> Bool { c.isASCIIDigit }
        func isNonDigit(_ c: UInt8) -> Bool { !c.isASCIIDigit && c != UInt8(ascii: ".") }
        func isSpecial(_ c: UInt8) -> Bool { c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "+") }
        var result: [UInt8] = [first]
        var lp = first
        for p in version.dropFirst() {
            let lq = result[result.count - 1]
            if isSpecial(p) {
                if lq != UInt8(ascii: ".") { result.append(UInt8(ascii: ".")) }
            } else if (isNonDigit(lp) && isDigit(p)) || (isDigit(lp) && isNonDigit(p)) {
                if lq != UInt8(ascii: ".") { result.append(UInt8(ascii: ".")) }
                result.append(p)
            } else if !p.isASCIIAlphanumeric {
                if lq != UInt8(ascii: ".") { result.append(UInt8(ascii: ".")) }
            } else {
                result.append(p)
            }
            lp = p
        }
        return result
    }

    /// `compare_special_version_forms()` rank of a non-numeric part (prefix match, first wins).
    static func specialForm<C: Collection<UInt8>>(_ part: C) -> Int {
        let forms: [(String, Int)] = [("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2),
                                      ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5)]
        for (name, order) in forms where part.starts(with: name.utf8) { return order }
        return -1
    }

    /// C `strtol` of a digit run, saturating like PHP's `long`.
    static func strtol<C: Collection<UInt8>>(_ digits: C) -> Int {
        var value = 0
        for c in digits {
            guard c.isASCIIDigit else { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(c - 0x30))
            if o1 || o2 { return Int.max }
            value = s
        }
        return value
    }

    /// `php_version_compare()`: -1, 0 or 1.
    static func versionCompare(_ a: String, _ b: String) -> Int {
        versionCompare(Array(a.utf8), Array(b.utf8))
    }

    private static let numberForm = Array("#N#".utf8)

    private static func versionCompare(_ original1: [UInt8], _ original2: [UInt8]) -> Int {
        if original1.isEmpty || original2.isEmpty {
            if original1.isEmpty && original2.isEmpty { return 0 }
            return original1.isEmpty ? -1 : 1
        }
        let v1 = original1.first == UInt8(ascii: "#") ? original1 : canonicalize(original1)
        let v2 = original2.first == UInt8(ascii: "#") ? original2 : canonicalize(original2)
        var p1 = 0
        var p2 = 0
        var n1: Int? = 0
        var n2: Int? = 0
        var compare = 0
        while p1 < v1.count, p2 < v2.count, n1 != nil, n2 != nil {
            n1 = v1[p1...].firstIndex(of: UInt8(ascii: "."))
            n2 = v2[p2...].firstIndex(of: UInt8(ascii: "."))
            let part1 = v1[p1..<(n1 ?? v1.count)]
            let part2 = v2[p2..<(n2 ?? v2.count)]
            let digit1 = part1.first?.isASCIIDigit ?? false
            let digit2 = part2.first?.isASCIIDigit ?? false
            if digit1 && digit2 {
                let l1 = strtol(part1)
                let l2 = strtol(part2)
                compare = l1 == l2 ? 0 : (l1 < l2 ? -1 : 1)
            } else if !digit1 && !digit2 {
                compare = sign(specialForm(part1) - specialForm(part2))
            } else if digit1 {
                compare = sign(specialForm(numberForm) - specialForm(part2))
            } else {
                compare = sign(specialForm(part1) - specialForm(numberForm))
            }
            if compare != 0 { break }
            if let n1 { p1 = n1 + 1 }
            if let n2 { p2 = n2 + 1 }
        }
        if compare == 0 {
            if n1 != nil {
                if p1 < v1.count, v1[p1].isASCIIDigit {
                    compare = 1
                } else {
                    compare = versionCompare(Array(v1[p1...]), numberForm)
                }
            } else if n2 != nil {
                if p2 < v2.count, v2[p2].isASCIIDigit {
                    compare = -1
                } else {
                    compare = versionCompare(numberForm, Array(v2[p2...]))
                }
            }
        }
        return compare
    }

    private static func sign(_ x: Int) -> Int { x == 0 ? 0 : (x < 0 ? -1 : 1) }

    // MARK: composer/semver VersionParser::normalize

    /// The stability words of `$modifierRegex`, in its alternation order.
    private static let stabilityWords = ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"]

    static func normalize(_ input: String) -> String? {
        var version = input.trimmingASCIIWhitespace()
        guard !version.isEmpty else { return nil }
        // strip off aliasing: "1.0 as 2.0"
        let words = version.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.count == 3, words[1] == "as", !version.contains(",") { version = String(words[0]) }
        // strip off stability flag
        if let at = version.lastIndex(of: "@") {
            let flag = version[version.index(after: at)...].lowercased()
            if ["stable", "rc", "beta", "alpha", "dev"].contains(flag) { version = String(version[..<at]) }
        }
        if ["master", "trunk", "default"].contains(version) { version = "dev-" + version }
        if version.lowercased().hasPrefix("dev-") { return "dev-" + version.dropFirst(4) }
        // strip off build metadata
        if let plus = version.firstIndex(of: "+") {
            let head = version[..<plus]
            let tail = version[version.index(after: plus)...]
            if !head.isEmpty, !head.contains(where: { $0 == "," || $0.isWhitespace }),
               !tail.isEmpty, !tail.contains(where: \.isWhitespace) {
                version = String(head)
            }
        }
        let bytes = Array(version.utf8)
        if let classical = classical(bytes) { return classical }
        if let dated = dateBased(bytes) { return dated }
        // match dev branches: (.*?)[.-]?dev$
        let lower = version.lowercased()
        if lower.hasSuffix("dev") {
            var name = String(version.dropLast(3))
            if name.hasSuffix(".") || name.hasSuffix("-") { name.removeLast() }
            if let branch = normalizeBranch(name), !branch.contains("dev-") { return branch }
        }
        return nil
    }

    /// The `modifierRegex` tail: `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?$`,
    /// appended to `base` as `normalize()` does; nil when the tail does not match.
    private static func applyModifier(_ base: String, _ tail: ArraySlice<UInt8>) -> String? {
        let lower = tail.map(\.asciiLowercased)
        // Try with and without the optional leading separator, stability words in alternation order.
        var starts = [0]
        if let first = lower.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "_") || first == UInt8(ascii: "-") {
            starts = [1, 0]
        }
        for start in starts {
            // No stability word at all.
            if let dev = devSuffix(lower[start...]) { return dev ? base + "-dev" : base }
            for word in stabilityWords {
                let w = Array(word.utf8)
                guard lower[start...].starts(with: w) else { continue }
                var i = start + w.count
                // ((?:[.-]?\d+)*+): possessive
                let numberStart = i
                while true {
                    var j = i
                    if j < lower.count, lower[j] == UInt8(ascii: ".") || lower[j] == UInt8(ascii: "-") { j += 1 }
                    let digitStart = j
                    while j < lower.count, lower[j].isASCIIDigit { j += 1 }
                    guard j > digitStart else { break }
                    i = j
                }
                guard let dev = devSuffix(lower[i...]) else { continue }
                let originalWord = String(decoding: tail[(tail.startIndex + start)..<(tail.startIndex + start + w.count)], as: UTF8.self)
                if originalWord == "stable" { return base }
                var number = String(decoding: tail[(tail.startIndex + numberStart)..<(tail.startIndex + i)], as: UTF8.self)
                while let c = number.first, c == "." || c == "-" { number.removeFirst() }
                var result = base + "-" + expandStability(originalWord) + number
                if dev { result += "-dev" }
                return result
            }
        }
        return nil
    }

    /// Matches `([.-]?dev)?$` on the rest: nil if it does not match, else whether `dev` is present.
    private static func devSuffix(_ rest: ArraySlice<UInt8>) -> Bool? {
        if rest.isEmpty { return false }
        var body = rest
        if let first = body.first, first == UInt8(ascii: ".") || first == UInt8(ascii: "-") { body = body.dropFirst() }
        return body.elementsEqual("dev".utf8) ? true : nil
    }

    private static func expandStability(_ word: String) -> String {
        switch word.lowercased() {
        case "a": "alpha"
        case "b": "beta"
        case "p", "pl": "patch"
        case "rc": "RC"
        case let other: other
        }
    }

    /// `^v?(\d{1,5}+)(\.\d++)?(\.\d++)?(\.\d++)?` + modifier.
    private static func classical(_ bytes: [UInt8]) -> String? {
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "v") || bytes[i] == UInt8(ascii: "V") { i += 1 }
        let majorStart = i
        while i < bytes.count, bytes[i].isASCIIDigit { i += 1 }
        guard i > majorStart, i - majorStart <= 5 else { return nil }
        var parts = [String(decoding: bytes[majorStart..<i], as: UTF8.self)]
        while parts.count < 4, i + 1 < bytes.count, bytes[i] == UInt8(ascii: "."), bytes[i + 1].isASCIIDigit {
            let start = i + 1
            i = start
            while i < bytes.count, bytes[i].isASCIIDigit { i += 1 }
            parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
        }
        while parts.count < 4 { parts.append("0") }
        return applyModifier(parts.joined(separator: "."), bytes[i...])
    }

    /// `^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})` + modifier, non-digits → `.`.
    private static func dateBased(_ bytes: [UInt8]) -> String? {
        var start = 0
        if start < bytes.count, bytes[start] == UInt8(ascii: "v") || bytes[start] == UInt8(ascii: "V") { start += 1 }
        // Every end position the date part can reach, longest first (regex backtracking order).
        var ends = Set<Int>()
        func isSeparator(_ c: UInt8) -> Bool { c == UInt8(ascii: ".") || c == UInt8(ascii: ":") || c == UInt8(ascii: "-") }
        func digits(_ at: Int, _ count: Int) -> Bool {
            at + count <= bytes.count && bytes[at..<(at + count)].allSatisfy(\.isASCIIDigit)
        }
        func tail(_ at: Int, _ pairs: Int, _ triples: Int) {
            if pairs >= 1 { ends.insert(at) }
            for skip in [0, 1] {
                if skip == 1 && !(at < bytes.count && isSeparator(bytes[at])) { continue }
                let p = at + skip
                if triples == 0, pairs < 6, digits(p, 2) { tail(p + 2, pairs + 1, 0) }
                if pairs >= 1, triples < 2 {
                    for width in 1...3 where digits(p, width) { tail(p + width, pairs, triples + 1) }
                }
            }
        }
        guard digits(start, 4) else { return nil }
        tail(start + 4, 0, 0)
        for end in ends.sorted(by: >) {
            let date = bytes[start..<end].map { $0.isASCIIDigit ? $0 : UInt8(ascii: ".") }
            if let result = applyModifier(String(decoding: date, as: UTF8.self), bytes[end...]) { return result }
        }
        return nil
    }

    /// `normalizeBranch()`: `1.x` → `1.9999999.9999999.9999999-dev`, otherwise `dev-name`.
    private static func normalizeBranch(_ name: String) -> String? {
        let trimmed = name.trimmingASCIIWhitespace()
        var rest = Substring(trimmed)
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !parts.isEmpty && parts.count <= 4
            && !parts[0].isEmpty && parts[0].utf8.allSatisfy(\.isASCIIDigit)
            && parts.dropFirst().allSatisfy { $0 == "x" || $0 == "X" || $0 == "*" || (!$0.isEmpty && $0.utf8.allSatisfy(\.isASCIIDigit)) }
        guard valid else { return "dev-" + trimmed }
        var pieces = parts.map { ($0 == "X" || $0 == "*") ? "x" : String($0) }
        while pieces.count < 4 { pieces.append("x") }
        return pieces.joined(separator: ".").replacingOccurrences(of: "x", with: "9999999") + "-dev"
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
