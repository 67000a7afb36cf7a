#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A version signature in a file's bytes, searched the cheap way: libc finds a literal *anchor*
/// every match contains, and only a small window around each anchor goes through the regular
/// expression. Syft runs its expressions over whole files; binaries are tens of MB.
///
/// The expression (ICU syntax, as `NSRegularExpression` takes it) must capture `version`; other
/// named groups (`update`) are kept for CPE templates. It runs over the window decoded as UTF-8,
/// invalid bytes becoming U+FFFD as in Go's regexp, so Syft's `(\x00|\x{FFFD})` carries over.
/// `{version}` in anchors and expression is a template slot that the file name fills (`python3.11`).
/// `^` means the start of the window, which is the start of the file or `before` bytes ahead of the
/// anchor: write `(?:^|\n)` with `before: 1` for "at the start of a line".
struct BinaryPattern: Sendable, Hashable {
    /// Literals, one of which every match contains.
    var anchors: [String]
    var expression: String
    /// How many bytes before an anchor a match may begin.
    var before: Int
    /// How many bytes after the end of an anchor a match may reach.
    var after: Int

    init(anchors: [String], _ expression: String, before: Int = 0, after: Int = 64) {
        self.anchors = anchors
        self.expression = expression
        self.before = before
        self.after = after
    }

    init(anchor: String, _ expression: String, before: Int = 0, after: Int = 64) {
        self.init(anchors: [anchor], expression, before: before, after: after)
    }

    static let slot = "{version}"

    var isTemplate: Bool { expression.contains(Self.slot) || anchors.contains { $0.contains(Self.slot) } }

    /// The pattern with its `{version}` slot filled: literally in anchors, escaped in the expression.
    func filled(with version: String) -> BinaryPattern {
        var copy = self
        copy.anchors = anchors.map { $0.replacingOccurrences(of: Self.slot, with: version) }
        copy.expression = expression.replacingOccurrences(of: Self.slot, with: NSRegularExpression.escapedPattern(for: version))
        return copy
    }

    /// The named groups of the first match, the match nearest the start of the file winning; `nil`
    /// when nothing matches.
    func firstMatch(in bytes: [UInt8], using expression: NSRegularExpression) -> [String: String]? {
        let hits = anchors.flatMap { anchor in Self.occurrences(of: Array(anchor.utf8), in: bytes).map { ($0, anchor.utf8.count) } }
            .sorted { $0.0 < $1.0 }
        var searchedUpTo = -1
        for (position, length) in hits {
            let start = max(0, position - before)
            let end = min(bytes.count, position + length + after)
            // Windows start in order, so one ending inside the previous window was searched with it.
            if end <= searchedUpTo { continue }
            searchedUpTo = end
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { continue }
            var groups: [String: String] = [:]
            for name in Self.groupNames(in: self.expression) {
                let range = match.range(withName: name)
                if range.location != NSNotFound, let swiftRange = Range(range, in: text) { groups[name] = String(text[swiftRange]) }
            }
            if let version = groups["version"], !version.isEmpty { return groups }
        }
        return nil
    }

    /// `(?<name>` groups of an expression.
    static func groupNames(in expression: String) -> [String] {
        var names: [String] = []
        var rest = expression[...]
        while let open = rest.range(of: "(?<") {
            rest = rest[open.upperBound...]
            guard let first = rest.first, first.isLetter, let close = rest.firstIndex(of: ">") else { continue }
            names.append(String(rest[..<close]))
        }
        return names
    }

    /// Every position of `needle` in `haystack`. memchr looks for the needle's rarest-looking byte
    /// (NUL and 0xFF fill binaries; letters and punctuation are scarcer), memcmp checks the rest.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        let pivot = needle.indices.max { rank(needle[$0]) < rank(needle[$1]) } ?? 0
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return [] }
                var found: [Int] = []
                // Candidate pivot positions run from `pivot` to `count - needle.count + pivot`.
                var offset = pivot
                let last = hay.count - pin.count + pivot
                let byte = Int32(pin[pivot])
                while offset <= last, let hit = memchr(base + offset, byte, last - offset + 1) {
                    let pivotPosition = base.distance(to: UnsafeRawPointer(hit))
                    let start = pivotPosition - pivot
                    if memcmp(base + start, pinBase, pin.count) == 0 { found.append(start) }
                    offset = pivotPosition + 1
                }
                return found
            }
        }
    }

    /// Higher is rarer in a typical executable; ties go to the earliest byte.
    static func rank(_ byte: UInt8) -> Int {
        switch byte {
        case 0x00, 0xff: 0
        case UInt8(ascii: " "), UInt8(ascii: "0")...UInt8(ascii: "9"): 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 2
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 3
        case 0x21...0x7e: 4
        default: 1
        }
    }
}
